/**
 * The order a sign-in answer lists its attempts in: the attempts the verdict is about first (the
 * finding's evidence, or the failure it names), then the person's other sign-ins, and background
 * token refreshes last, folded below the list unless the question is about them or there is nothing else.
 */
import type { Config } from '../config';
import type { Diagnosis, Failure } from '../diagnosis/diagnose';
import type { Incident } from '../incidents/types';
import { selfServiceFor, selfServicePagesFor } from './selfService';
import type { AnswerSubject, ResolvedQuery, SummaryAnswer } from './types';
import { chooseVerdict } from './verdict';
import type { Verdict } from './verdictChoice';

function evidenceOf(verdict: Verdict): Set<string> {
  if ((verdict.kind === 'finding' || (verdict.kind === 'outage' && verdict.yes)) && verdict.finding)
    return new Set(verdict.finding.evidence);
  return new Set(verdict.ticket ? [verdict.ticket.signInId] : []);
}

/**
 * `rows`: every row, reordered; `evidence`: how many at the start are the verdict's own; `folded`: how
 * many at the end are background refreshes drawn folded.
 */
export function listOrder(
  d: Diagnosis,
  verdict: Verdict,
  aboutBackground: boolean,
): { rows: Failure[]; evidence: number; folded: number } {
  const evidence = evidenceOf(verdict);
  const own: Failure[] = [];
  const rest: Failure[] = [];
  const background: Failure[] = [];
  for (const f of d.rows) {
    if (evidence.has(f.record.id ?? '')) own.push(f);
    else if (f.background && !aboutBackground) background.push(f);
    else rest.push(f);
  }
  // Nothing but background refreshes: they are the list.
  if (own.length + rest.length === 0) return { rows: background, evidence: 0, folded: 0 };
  return { rows: [...own, ...rest, ...background], evidence: own.length, folded: background.length };
}

/**
 * What a summary answer decides from its diagnosis: the verdict (with the self-service pages its steps
 * and buttons name), and the attempts in the order the card lists them.
 */
export function decideSummary(
  query: ResolvedQuery,
  subject: AnswerSubject,
  diagnosis: Diagnosis,
  urls: Config['selfServiceUrls'],
  aboutBackground: boolean,
  incidents: readonly Incident[] = [],
): Pick<SummaryAnswer, 'verdict' | 'diagnosis' | 'evidence' | 'folded'> {
  const chosen = withRunStart(chooseVerdict(query, subject, diagnosis), incidents);
  const selfService = selfServiceFor(chosen, subject, urls);
  const verdict: Verdict = {
    ...chosen,
    ...(selfService.length > 0 ? { selfService } : {}),
    selfServicePages: selfServicePagesFor(urls),
  };
  const listed = listOrder(diagnosis, verdict, aboutBackground);
  return {
    verdict,
    diagnosis: { ...diagnosis, rows: listed.rows },
    ...(listed.evidence > 0 ? { evidence: listed.evidence } : {}),
    ...(listed.folded > 0 ? { folded: listed.folded } : {}),
  };
}

/**
 * An outage's "since" is the first failure of the run: when the open incident of the same app and
 * cause (src/incidents, which reads past a short question's window) began earlier, its start.
 */
export function withRunStart(verdict: Verdict, incidents: readonly Incident[]): Verdict {
  if (verdict.kind !== 'outage' || !verdict.yes || verdict.finding.kind !== 'appFailingForMany') return verdict;
  const f = verdict.finding;
  const run = incidents.find(
    (i) =>
      !i.resolved &&
      (i.policy && f.policy ? i.policy === f.policy : i.app === f.app && (i.code === undefined || i.code === f.code)),
  );
  if (!run || run.since >= f.first) return verdict;
  const finding = { ...f, first: run.since };
  return {
    ...verdict,
    finding,
    steps: verdict.steps?.from === 'finding' ? { ...verdict.steps, finding } : verdict.steps,
  };
}
