/** "How many …": the number first, then what it is made of (outcome, apps, top errors). */
import type { CountAnswer } from '../answers/types';
import { explain } from '../diagnosis/catalog';
import { card, clip, heading, plain, subtle, text, type Card } from './elements';
import { incidentLine } from './tenantCard';
import { headlineOfPart, scopeLine, unappliedText, windowText } from './filters';
import { patternCharts } from './charts';
import type { VerdictContext } from './verdictTypes';
import { plural, wording, fill } from './wording';
import { coverageNote, pendingNotice } from './summaryCard';

export function countCard(answer: CountAnswer, ctx: VerdictContext): Card {
  const w = wording(ctx.language);
  const d = answer.diagnosis;
  const total = d.attempts.length;
  const ok = d.attempts.filter((a) => a.outcome !== 'failed' && a.outcome !== 'interrupted').length;
  // "how many people could not sign in?": the people lead; otherwise the sign-ins.
  const counted = answer.query.countPeople
    ? // Narrowed to one kind of failure, no successes were read: the failed attempts are not "of" a total.
      plural(
        ctx.language,
        answer.query.category === 'lockout'
          ? w.countPeopleLockedOut
          : answer.pattern.onlyFailures
            ? w.countPeopleFailed
            : w.countPeople,
        d.people,
        {
          window: windowText(answer, ctx),
          failed: plural(ctx.language, w.nFailedAttempts, d.failures.length),
          total: plural(ctx.language, w.nSignIns, total),
        },
      )
    : answer.pattern.onlyFailures
      ? // Narrowed to one kind of failure: the failures are the count (the scope line names the kind).
        fill(
          answer.subject.kind === 'tenant'
            ? w.verdict.countFailed
            : answer.subject.kind === 'person'
              ? w.verdict.countFailedPerson
              : w.verdict.countFailedSelf,
          {
            name: answer.subject.kind === 'person' ? answer.subject.name : '',
            failed: plural(ctx.language, w.nFailedAttempts, d.failures.length),
            people: plural(ctx.language, w.nPeople, d.peopleSeen),
          },
        )
      : answer.subject.kind === 'tenant'
        ? fill(w.verdict.count, {
            total: plural(ctx.language, w.nSignIns, total),
            window: '',
            ok: String(ok),
            failed: String(d.failures.length),
            people: plural(ctx.language, w.nPeople, d.peopleSeen),
          }).replace(/\s+:/, ':')
        : // One person's count names them (or speaks to the asker): the headline is about whom it was asked about.
          fill(answer.subject.kind === 'person' ? w.verdict.countPerson : w.verdict.countSelf, {
            name: answer.subject.kind === 'person' ? answer.subject.name : '',
            total: plural(ctx.language, w.nSignIns, total),
            ok: String(ok),
            failed: String(d.failures.length),
          });
  const verdict = headlineOfPart(counted, answer.headlineFrom, ctx);
  const scope = scopeLine(answer, ctx, [verdict]);
  const apps = new Map<string, number>();
  for (const a of d.attempts)
    apps.set(a.final.appDisplayName ?? '?', (apps.get(a.final.appDisplayName ?? '?') ?? 0) + 1);
  const facts = [
    ...[...apps]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([app, n]) => ({ title: plain(clip(app, 80)), value: plural(ctx.language, w.nSignIns, n) })),
    ...d.byCode.slice(0, 3).map((c) => ({
      title: String(c.code),
      value: plain(`${clip(explain(c.code, ctx.language, ctx.audience).title, 60)} × ${c.count}`),
    })),
  ];
  const unapplied = (answer.unapplied ?? []).map((u) => unappliedText(u, ctx.language));
  const coverage = coverageNote(answer, ctx);
  const pending = pendingNotice(answer, ctx);
  const notes = [...(pending ? [pending] : []), ...unapplied, ...(coverage ? [coverage] : [])];
  // The pattern as a picture (when, where, which apps), each chart with its text fallback.
  // After "N people could not sign in", "N of them"; after a count of sign-ins, "N of the people who failed".
  const incidents = (answer.incidents ?? []).map(({ incident, failing }) =>
    incidentLine(incident, failing, ctx, !answer.query.countPeople),
  );
  const body = [
    heading(plain(verdict)),
    ...incidents.map((line) => text(plain(line), { spacing: 'Small' })),
    subtle(plain(scope)),
    ...patternCharts(answer.pattern, ctx),
    { type: 'FactSet', spacing: 'Medium', facts },
    ...notes.map((u) => subtle(plain(u))),
  ];
  return card(body, [verdict, ...incidents, scope, ...facts.map((f) => `${f.title}: ${f.value}`), ...notes].join('\n'));
}
