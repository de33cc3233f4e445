/** The verdict of a question about an app or managed identity: its failing code, since when, how often, last success, and the catalog's fix. */
import type { SummaryAnswer } from '../answers/types';
import { explain } from '../diagnosis/catalog';
import { workloadKindOf } from '../diagnosis/workloads';
import { localDateTime } from '../shared/time';
import type { Verdict, VerdictContext } from './verdictTypes';
import { fill, plural, wording } from './wording';

/** A question about an app (or an identity found by name) whose failures are all the app's own sign-ins. */
export function isAboutWorkload(answer: SummaryAnswer): boolean {
  const d = answer.diagnosis;
  return d.workload !== null && (answer.query.workload === true || (answer.query.app !== null && d.failures.length > 0 && d.failures.every((f) => workloadKindOf(f.record) !== null)));
}

export function workloadVerdict(answer: SummaryAnswer, ctx: VerdictContext): Verdict {
  const w = wording(ctx.language);
  const state = answer.diagnosis.workload!;
  const e = explain(state.code, ctx.language, 'helpdesk');
  const time = (d: Date) => localDateTime(d, ctx.timeZone, ctx.language);
  const text = fill(w.verdict.workloadFailing, {
    name: state.name, kind: w.workloadKinds[state.kind], failures: plural(ctx.language, w.nFailedAttempts, state.failures), since: time(state.since),
    code: state.code, title: e.title,
    lastSuccess: state.lastSuccess ? fill(w.workloadLastSuccess, { time: time(state.lastSuccess) }) : w.workloadNoSuccess,
  });
  return { text, steps: e.steps.slice(0, 3), ticketSignInId: state.signInId || null, code: state.code };
}
