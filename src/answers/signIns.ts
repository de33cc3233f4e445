/** A resolved, authorized question → read the sign-in log → diagnose → a summary or count Answer. */
import type { Config } from '../config';
import type { FailureCategory } from '../shared/types';
import { workloadKinds, type SignInPage, type SignInSource } from '../signins/signInLog';
import type { LRUCache } from 'lru-cache';
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { diagnose, type Diagnosis, type Thresholds } from '../diagnosis/diagnose';
import { GraphProblem, toGraphProblem } from '../graph/errors';
import { sameId } from './access';
import { defaultWindowMs, defaultWindowNote } from './window';
import { narrow } from './narrow';
import { headlineFromPart, incidentsAmong, tenantAnswer } from './tenantWide';
import { intrusionAnswer } from './intrusion';
import { countSignIns } from '../diagnosis/counts';
import { withCategory } from '../diagnosis/categories';
import { workloadKindOf } from '../diagnosis/workloads';
import type { IncidentService } from '../incidents/service';
import type { PeopleDirectory } from '../directory/people';
import { decideYesNo, withListedFailures } from './yesNo';
import { decideSummary } from './evidence';
import { fixOffers } from './fixes';
import type { Answer, AnswerCoverage, AnswerSubject, Requester, ResolvedQuery } from './types';

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Attempts listed per answer before "show more". */
export const PAGE_SIZE = 5;

export interface SignInAnswerDeps {
  config: Config;
  signIns: SignInSource;
  thresholds: Thresholds;
  now: () => Date;
  /** Diagnoses of kept pages (by page key): the same records are not diagnosed twice. */
  diagnoses?: LRUCache<string, Diagnosis>;
  /** Open incidents, said first on tenant-wide answers (src/incidents); none when the live index is off. */
  incidents?: IncidentService | null;
  /** The directory: "has Miriam's account been disabled?" reads its accountEnabled (the subject is authorized by then). */
  people?: PeopleDirectory;
}

export async function answerSignIns(
  deps: SignInAnswerDeps,
  requester: Requester,
  query: ResolvedQuery,
  subjectName: string | null,
  detailsOf?: string,
): Promise<Answer> {
  const { config } = deps;
  const now = deps.now();
  // No person means everyone: callers only get here with userId null after a reader check.
  const tenantWide = query.userId === null;
  const yesNoAbout = tenantWide ? undefined : query.yesNoAbout;
  const defaulted = query.from === null;
  // "is there an outage?" is about now: the last hour unless a time was given.
  const defaultFrom = query.yesNo ? now.getTime() - HOUR : now.getTime() - defaultWindowMs(config, query);
  const asked = {
    from: query.from ? new Date(query.from) : new Date(defaultFrom),
    to: query.to ? new Date(query.to) : now,
  };
  const oldest = new Date(now.getTime() - config.logRetentionDays * DAY);
  const clamped = asked.from < oldest;
  const window = { from: clamped ? oldest : asked.from, to: asked.to > now ? now : asked.to };
  // Entirely before the log's retention (or an empty range): nothing to ask Graph.
  if (window.to <= window.from) return { kind: 'before-retention', days: config.logRetentionDays, oldest, query };

  const category = query.category as FailureCategory | null | undefined;
  // "has someone been trying my password?": the kind narrows the attempts from elsewhere (intrusion.ts), never the
  // successes that say where the person signs in from.
  const personCategory = tenantWide || query.intrusion ? null : (category ?? null);
  let page;
  try {
    page = await deps.signIns.find({
      userId: tenantWide ? undefined : (query.userId ?? undefined),
      from: window.from,
      to: window.to,
      app: query.app,
      errorCode: query.errorCode,
      correlationId: query.correlationId,
      // "who is locked out?" needs the successes too (signed in since?): the lockouts are picked from all records.
      requestId: query.requestId ?? null,
      // One person's kind of failure is picked after diagnosis, which needs the rest (a lockout's wrong passwords).
      category: !tenantWide || query.ask === 'locked-now' ? null : (category ?? null),
      ...(query.workload ? { eventTypes: workloadKinds(config.graph.signInEventTypes) } : {}),
    });
  } catch (error) {
    // A bug, not Graph: the turn's error handling logs it.
    if (!(error instanceof GraphProblem) && !(typeof error === 'object' && error && 'statusCode' in error)) throw error;
    // "Try again" carries the resolved question (ids only), re-authorized when clicked.
    const problem = toGraphProblem(error);
    return {
      kind: 'problem',
      problem: problem.kind,
      retryAfterSeconds: problem.retryAfterSeconds,
      retry: JSON.parse(JSON.stringify(query)) as Record<string, unknown>,
    };
  }
  // A request or correlation id names sign-ins, not the tenant: when they are one person's, the answer is about them.
  const idOwner = tenantWide && (query.requestId || query.correlationId) ? onePersonOf(page.records) : null;
  const personId = idOwner?.id ?? query.userId;
  const aboutTenant = tenantWide && !idOwner;
  const self = !aboutTenant && sameId(personId, requester.userId);
  const subject: AnswerSubject = aboutTenant
    ? { kind: 'tenant' }
    : self
      ? { kind: 'self' }
      : {
          kind: 'person',
          id: personId!,
          name: idOwner?.name ?? subjectName ?? page.records[0]?.userDisplayName ?? personId!,
        };
  const ask = aboutTenant && !query.yesNo && !query.counting && !query.workload ? (query.ask ?? null) : null;
  const counting = !ask && (query.counting || (aboutTenant && query.intent === 'signins'));
  const intent = counting ? 'signins' : query.intent;
  const aboutBackground = query.category === 'session';
  const narrowed = narrow(page.records, query);
  // Narrowed to one kind of failure, the log read holds no successes to count ("who is locked out?" reads them all).
  const onlyFailures =
    (query.errorCode !== null && query.errorCode !== 0) ||
    (aboutTenant ? !!category && ask !== 'locked-now' : personCategory !== null);
  const unapplied = [...(query.unrecognised ?? []), ...narrowed.unapplied];
  const diagnosisKey =
    page.key && deps.diagnoses
      ? `${page.key}|${aboutTenant}|${intent}|${aboutBackground}|${personCategory}|${JSON.stringify([query.country, query.platform, query.guests])}`
      : null;
  let diagnosis = diagnosisKey ? deps.diagnoses!.get(diagnosisKey) : undefined;
  if (!diagnosis) {
    diagnosis = diagnose(narrowed.records, {
      tenantWide: aboutTenant,
      thresholds: deps.thresholds,
      intent,
      aboutBackground,
      category: personCategory,
    });
    if (diagnosisKey) deps.diagnoses!.set(diagnosisKey, diagnosis);
  }
  // A first answer from the live index's part: it covers that part, and says which older part is pending.
  const answerWindow = {
    ...window,
    ...(page.pending ? { from: page.pending.to } : {}),
    ...defaultWindowNote(config, query, defaulted),
    clampedFrom: clamped ? oldest : null,
    retentionDays: config.logRetentionDays,
  };
  // Equal keys, equal answers: the page's records (when kept) and everything the card shows of the query.
  const key = page.key
    ? JSON.stringify([
        page.key,
        query,
        subject,
        Math.floor(window.from.getTime() / 60_000),
        Math.floor(window.to.getTime() / 60_000),
        defaulted,
        clamped,
      ])
    : '';
  const common = {
    query,
    subject,
    window: answerWindow,
    diagnosis,
    truncated: page.truncated,
    ...coverageOf(page, window.to),
    graphRequests: page.requests,
    freshness: page.asOf ? { asOf: page.asOf, source: 'index' as const } : { asOf: now, source: 'graph' as const },
    ...(page.pending ? { pending: { ...page.pending } } : {}),
    key,
  };
  // An app nobody signed in to may be an app's or identity's own: say when those sign-ins are not read.
  const workloadsOff =
    aboutTenant &&
    query.app !== null &&
    !query.category &&
    page.records.length === 0 &&
    workloadKinds(config.graph.signInEventTypes).length === 0;
  // An app's or identity's own failing sign-ins are about that workload, not about people: its summary answers.
  const aboutWorkload =
    query.workload === true ||
    (query.app !== null &&
      diagnosis.workload !== null &&
      diagnosis.failures.length > 0 &&
      diagnosis.failures.every((f) => workloadKindOf(f.record) !== null));
  if (query.intrusion && !aboutTenant) return intrusionAnswer({ ...common, subject }, diagnosis, category ?? null);
  if (ask && !aboutWorkload && !workloadsOff)
    return tenantAnswer(
      {
        ...common,
        ask,
        records: narrowed.records,
        onlyFailures,
        thresholds: deps.thresholds,
        timeZone: requester.timeZone,
        unapplied,
      },
      deps.incidents,
    );
  if (counting) {
    const countIncidents = aboutTenant
      ? incidentsAmong(deps.incidents, query, [...new Set(diagnosis.failures.map((f) => f.record.userId ?? ''))])
      : [];
    return {
      kind: 'count',
      ...common,
      ...(countIncidents.length > 0 ? { incidents: countIncidents } : {}),
      pattern: countSignIns(withCategory(narrowed.records, personCategory), requester.timeZone, window, {
        onlyFailures,
      }),
      ...(unapplied.length > 0 ? { unapplied } : {}),
      ...headlineFromPart(common.coverage),
    };
  }
  const offset = query.offset ?? 0;
  // "has Miriam's account been disabled?": the directory says whether it is now; the log says since when.
  const accountEnabled =
    yesNoAbout === 'disabled' && deps.people && query.userId
      ? ((await deps.people.get(query.userId))?.accountEnabled ?? null)
      : undefined;
  const decided = decideSummary(
    query,
    subject,
    diagnosis,
    config.selfServiceUrls,
    aboutBackground,
    query.yesNo ? (deps.incidents?.monitor.incidents() ?? []) : [],
  );
  const yesNo = yesNoAbout
    ? withListedFailures(
        decideYesNo(
          yesNoAbout,
          narrow(page.records, query).records,
          deps.thresholds.lockout.lockoutCodes,
          accountEnabled,
        ),
        decided.diagnosis.rows,
      )
    : null;
  // Helpdesk fix buttons (issue 21): a reader's answer about someone else, in a personal chat.
  const fixes = fixOffers(decided.verdict, subject, requester, diagnosis, config.fixes !== null);
  // The steps point to the buttons the card carries (the wording's with-fix steps) instead of the portal.
  const steps =
    decided.verdict.steps && fixes.length > 0 ? { ...decided.verdict.steps, buttons: fixes.map((f) => f.fix) } : null;
  return {
    kind: 'summary',
    ...common,
    ...decided,
    ...(steps ? { verdict: { ...decided.verdict, steps } } : {}),
    ...(fixes.length > 0 ? { fixes } : {}),
    offset,
    limit: Math.min(PAGE_SIZE, query.limit ?? PAGE_SIZE),
    ...(detailsOf ? { detailsOf } : {}),
    ...(workloadsOff ? { workloadsOff } : {}),
    // The directory's word is not in the records' key: a card drawn before an account was enabled again is not reused.
    ...(yesNo ? { yesNo, key: common.key && `${common.key}|${JSON.stringify(yesNo)}` } : {}),
  };
}

/**
 * What the card must say when the window was not read whole: how many sign-ins were searched and back
 * to when — the latest point every read reached, so that everything after it was searched in full.
 */
export function coverageOf(page: SignInPage, windowEnd: Date): { coverage?: AnswerCoverage } {
  const cut = (page.coverage ?? []).filter((c) => !c.complete);
  if (cut.length === 0) {
    if (!page.truncated) return {};
    const oldest = page.records.reduce(
      (min, r) => Math.min(min, Date.parse(String(r.createdDateTime))),
      windowEnd.getTime(),
    );
    return { coverage: { records: page.records.length, readBackTo: new Date(oldest), onlyBackground: false } };
  }
  const readBackTo = new Date(Math.max(...cut.map((c) => (c.readBackTo ?? windowEnd).getTime())));
  const records = (page.coverage ?? []).reduce((n, c) => n + c.records, 0);
  return { coverage: { records, readBackTo, onlyBackground: cut.every((c) => !c.kinds.includes('interactiveUser')) } };
}

/** The one person every record is a sign-in of (ids compared as everywhere in the bot, in lower case); null when none or several. */
function onePersonOf(records: readonly SignIn[]): { id: string; name: string } | null {
  const first = records[0];
  if (!first?.userId) return null;
  if (!records.every((r) => sameId(r.userId, first.userId))) return null;
  return { id: first.userId, name: first.userDisplayName ?? first.userPrincipalName ?? first.userId };
}
