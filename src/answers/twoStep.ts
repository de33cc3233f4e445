/**
 * Two-step answers: when the live index holds only the newer part of a person's window (their last
 * 7 days with a 24-hour index, or before auto's backward fill has reached them), the asker sees at once what the index holds, with a note that the
 * older days are still being read, and the complete answer replaces that card when Graph has
 * answered for the older part (src/bot: the card is updated in place, or posted when it cannot be).
 *
 * Only questions about one person whose answer is a summary or count: a tenant-wide or intrusion
 * answer waits for its whole window, as before. Both steps are the same answerSignIns over the same
 * query: the first over the index's part (the source's `held`), the second over the whole window.
 */
import type { SignInPage, SignInQuery, SignInSource } from '../signins/signInLog';
import { answerSignIns, type SignInAnswerDeps } from './signIns';
import type { Answer, Requester, ResolvedQuery } from './types';

export interface TwoStepDeps extends SignInAnswerDeps {
  /** Takes the complete answer of a first one (set per turn by the Troubleshooter); none: one step. */
  later?: (complete: Promise<Answer>) => void;
}

/** A source that answers with the index's part when the index holds only part of the window. */
class HeldFirst implements SignInSource {
  partial = false;

  constructor(private readonly inner: SignInSource) {}

  async find(query: SignInQuery): Promise<SignInPage> {
    const held = this.inner.held?.(query) ?? null;
    if (!held) return this.inner.find(query);
    this.partial = true;
    return held;
  }

  byId(id: string) {
    return this.inner.byId(id);
  }

  ownById(id: string, userId: string) {
    return this.inner.ownById(id, userId);
  }
}

/** The answer, or its first step when the rest of the window needs a Graph read (the rest goes to deps.later). */
export async function answerFirstThenComplete(
  deps: TwoStepDeps,
  requester: Requester,
  query: ResolvedQuery,
  subjectName: string | null,
): Promise<Answer> {
  const { later, ...plain } = deps;
  if (!later || !deps.signIns.held || query.userId === null || query.intrusion)
    return answerSignIns(plain, requester, query, subjectName);
  const held = new HeldFirst(deps.signIns);
  const first = await answerSignIns({ ...plain, signIns: held }, requester, query, subjectName);
  if (held.partial && (first.kind === 'summary' || first.kind === 'count') && first.pending) {
    later(answerSignIns(plain, requester, query, subjectName));
    return first;
  }
  // A first answer of any other kind (a problem, before retention) is the answer.
  return held.partial ? answerSignIns(plain, requester, query, subjectName) : first;
}
