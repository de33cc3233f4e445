/**
 * Reading one filtered window of the sign-in log page by page, as Graph's reporting API needs: pages
 * can be slow (wide windows take long), short or even empty with a next link, and a page that timed
 * out is worth another try after a pause. A read stops when the window is read whole, when its page
 * allowance is spent, or when its time is up; it then says how far back it got, so that an answer can
 * say what it did not search instead of missing it silently.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { toGraphProblem } from '../graph/errors';

export interface SignInListPage {
  value: SignIn[];
  '@odata.nextLink'?: string;
}

export interface PagedReadLimits {
  /** Pages this read may request (each is one of the tenant's reports reads). */
  pages: number;
  /** Epoch ms after which no further page or retry is started. */
  deadline: number;
  /** Extra tries of one page that timed out. */
  retries: number;
  /** First pause before a retry; doubled each time. */
  backoffMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export interface PagedRead {
  records: SignIn[];
  requests: number;
  /** The whole window was read (no next link left). */
  complete: boolean;
  /** Why it stopped early: its page allowance, or its time. */
  stoppedBy: 'pages' | 'time' | null;
}

/**
 * Only a page that timed out is tried again here: Graph's reporting API is slow on wide windows, and
 * the client's own retry handler does not retry an aborted request. 429, 503 and 504 it has already
 * retried, honouring Retry-After (src/graph/client.ts); trying those again would only add throttled
 * calls, which count against the tenant's limit. Everything else is final.
 */
export function timedOut(error: unknown): boolean {
  const e = error as { name?: string; code?: string | null; message?: string; statusCode?: number } | null;
  if (!e || typeof e !== 'object') return false;
  // An HTTP answer is not a timeout; the Graph client reports our timeout (src/graph/client.ts) with status -1 and code TimeoutError.
  if (typeof e.statusCode === 'number' && e.statusCode > 0) return false;
  return (
    [e.name, e.code].some((n) => n === 'TimeoutError' || n === 'AbortError') ||
    /time(d)? ?out|aborted/i.test(e.message ?? '')
  );
}

/** One page, tried again with back-off while the deadline allows; null when time ran out before an answer. */
async function pageWithRetry(
  get: () => Promise<SignInListPage>,
  limits: PagedReadLimits,
  counted: () => void,
): Promise<SignInListPage | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      counted();
      return await get();
    } catch (error) {
      if (!timedOut(error) || attempt >= limits.retries) throw toGraphProblem(error);
      const pause = limits.backoffMs * 2 ** attempt;
      if (limits.now() + pause >= limits.deadline) return null;
      await limits.sleep(pause);
    }
  }
}

/**
 * Follows `@odata.nextLink` from the first page. A first page that cannot be had at all is an error
 * (there is nothing to answer from); a later one ends the read early, incomplete.
 */
export async function readPages(
  first: () => Promise<SignInListPage>,
  next: (link: string) => Promise<SignInListPage>,
  limits: PagedReadLimits,
): Promise<PagedRead> {
  const records: SignIn[] = [];
  let requests = 0;
  const counted = () => {
    requests++;
  };
  const firstPage = await pageWithRetry(first, limits, counted);
  if (!firstPage) throw toGraphProblem({ statusCode: 504, message: 'The sign-in log did not answer in time.' });
  records.push(...firstPage.value);
  let link = firstPage['@odata.nextLink'] ?? null;
  let pages = 1;
  while (link) {
    if (pages >= limits.pages) return { records, requests, complete: false, stoppedBy: 'pages' };
    if (limits.now() >= limits.deadline) return { records, requests, complete: false, stoppedBy: 'time' };
    const current = link;
    let page: SignInListPage | null;
    try {
      page = await pageWithRetry(() => next(current), limits, counted);
    } catch {
      // A later page that keeps failing: answer from what was read, and say so.
      return { records, requests, complete: false, stoppedBy: 'time' };
    }
    if (!page) return { records, requests, complete: false, stoppedBy: 'time' };
    pages++;
    records.push(...page.value);
    link = page['@odata.nextLink'] ?? null;
  }
  return { records, requests, complete: true, stoppedBy: null };
}
