/**
 * Tenant-wide answers: who failed, who is locked out, which apps / codes / countries fail most.
 * Open incidents the failures belong to come first; then the ranked list; then the pattern as a
 * chart (with a text fallback); filters that could not be applied are said, never dropped.
 */
import type { TenantAnswer } from '../answers/types';
import type { Incident } from '../incidents/types';
import type { PersonFailures, Tally } from '../diagnosis/tenantBreakdown';
import { explain } from '../diagnosis/catalog';
import { localDateTime } from '../shared/time';
import { card, clip, execute, heading, numbered, plain, subtle, text, type Card, type Element } from './elements';
import { queryData } from '../answers/resolvedQuery';
import { appChart, tallyChart, timelineChart } from './charts';
import { categoryNoun, filtersText, headlineOfPart, scopeLine, unappliedText } from './filters';
import { coverageNote } from './summaryCard';
import type { VerdictContext } from './verdictTypes';
import { countryName, fill, plural, wording, type Wording } from './wording';

/** People or rows listed before "n more". */
const ROWS = 8;

function cause(p: PersonFailures, ctx: VerdictContext): string {
  const causes = wording(ctx.language).tenant.causes as Record<string, string>;
  return (p.finding && causes[p.finding]) || `${p.mainCode} ${explain(p.mainCode, ctx.language, ctx.audience).title}`;
}

/** After "who failed", "N of them"; after a ranking (whose headline counts one app's or country's people), of all. */
export function incidentLine(incident: Incident, failing: number, ctx: VerdictContext, afterRanking = false): string {
  const w = wording(ctx.language).tenant;
  const cause = incident.policy
    ? fill(w.incidentCausePolicy, { policy: clip(incident.policy, 80) })
    : incident.app
      ? fill(w.incidentCauseApp, { app: incident.app })
      : fill(w.incidentCauseCode, { code: incident.code ?? '?' });
  return plural(ctx.language, afterRanking ? w.rankingIncident : w.whoFailedIncident, failing, {
    cause,
    time: localDateTime(incident.since, ctx.timeZone, ctx.language),
  });
}

function tallyLabel(answer: TenantAnswer, t: Tally, ctx: VerdictContext): string {
  if (answer.ask === 'top-countries') return countryName(t.key, ctx.language) ?? t.key;
  if (answer.ask === 'top-codes')
    return `${t.key} ${clip(explain(Number(t.key), ctx.language, ctx.audience).title, 50)}`;
  return t.key;
}

/** Nothing found: every filter restated, the kind of failure as the noun (as on every empty answer). */
function none(answer: TenantAnswer, ctx: VerdictContext): Parts {
  const w = wording(ctx.language);
  const category = answer.query.category;
  const headline = category
    ? fill(w.verdict.noneOfCategory, { kind: categoryNoun(category, ctx), filters: filtersText(answer, ctx, true) })
    : fill(w.verdict.none, { filters: filtersText(answer, ctx) });
  return { headline: [headline], body: [], steps: [], lines: [] };
}

interface Parts {
  headline: string[];
  body: Element[];
  steps: string[];
  lines: string[];
}

/** The first three names of a list, and "…" when there are more. */
function names(list: { name: string }[]): string {
  return (
    list
      .slice(0, 3)
      .map((p) => p.name)
      .join(', ') + (list.length > 3 ? ' …' : '')
  );
}

function whoFailed(answer: TenantAnswer, ctx: VerdictContext): Parts {
  const w = wording(ctx.language);
  const b = answer.breakdown;
  const at = (d: Date) => localDateTime(d, ctx.timeZone, ctx.language);
  if (b.people.length === 0) return none(answer, ctx);
  const lockouts = answer.query.category === 'lockout';
  // "who got locked out this week?": the lockouts were read, not every sign-in, so whether each is still locked is
  // not known; the headline says who was locked out, by name.
  const headline = [
    lockouts
      ? plural(ctx.language, w.tenant.whoLockedOut, b.people.length, {
          attempts: plural(ctx.language, w.nFailedAttempts, b.failures),
          names: names(b.people),
        })
      : plural(ctx.language, w.tenant.whoFailed, b.people.length, {
          attempts: plural(ctx.language, w.nFailedAttempts, b.failures),
        }),
  ];
  for (const { incident, failing } of answer.incidents) headline.push(incidentLine(incident, failing, ctx));
  const top = answer.others[0];
  // Lockouts name up to three people in the headline already: "most affected" would only repeat one of them.
  if (top && !(lockouts && b.people.length <= 3))
    headline.push(
      fill(answer.incidents.length > 0 ? w.tenant.whoFailedTop : w.tenant.whoFailedTopAlone, {
        name: top.name,
        cause: cause(top, ctx),
        attempts: plural(ctx.language, w.nFailedAttempts, top.failures),
      }),
    );
  const lines = answer.others.slice(0, ROWS).map((p) =>
    fill(w.tenant.personRow, {
      name: p.name,
      cause: cause(p, ctx),
      attempts: plural(ctx.language, w.nFailedAttempts, p.failures),
      time: at(p.last),
    }),
  );
  const more = answer.others.length - lines.length;
  return {
    headline,
    body: list(
      lockouts ? w.tenant.lockedTitle : w.tenant.peopleTitle,
      lines,
      more > 0 ? plural(ctx.language, w.tenant.morePeople, more) : null,
    ),
    steps: w.tenant.stepsWhoFailed.slice(answer.incidents.length > 0 ? 0 : 1),
    lines,
  };
}

function lockedOut(answer: TenantAnswer, ctx: VerdictContext): Parts {
  const w = wording(ctx.language);
  const locked = answer.breakdown.lockedOut;
  const at = (d: Date) => localDateTime(d, ctx.timeZone, ctx.language);
  if (locked.length === 0)
    return {
      headline: [fill(w.tenant.lockedOutNone, { filters: filtersText(answer, ctx) })],
      body: [],
      steps: [],
      lines: [],
    };
  const still = locked.filter((p) => p.signedInSince === null);
  const headline = [
    plural(ctx.language, w.tenant.lockedOut, locked.length, { names: names(locked) }),
    still.length > 0
      ? plural(ctx.language, w.tenant.lockedOutStill, still.length, { names: names(still) })
      : w.tenant.lockedOutAllBack,
  ];
  const lines = locked.slice(0, ROWS).map((p) =>
    fill(w.tenant.lockedOutRow, {
      name: p.name,
      times: plural(ctx.language, w.nTimes, p.lockouts),
      first: at(p.first),
      last: at(p.last),
      place: [p.city, countryName(p.country, ctx.language)].filter(Boolean).join(', ') || w.unknownPlace,
      state: p.signedInSince
        ? fill(w.tenant.lockedOutRowBack, { time: at(p.signedInSince) })
        : w.tenant.lockedOutRowStill,
    }),
  );
  const more = locked.length - lines.length;
  return {
    headline,
    body: list(w.tenant.lockedTitle, lines, more > 0 ? plural(ctx.language, w.tenant.morePeople, more) : null),
    steps: w.tenant.stepsLockedOut,
    lines,
  };
}

function top(answer: TenantAnswer, ctx: VerdictContext): Parts {
  const w = wording(ctx.language);
  const b = answer.breakdown;
  const [tallies, sentence, title] =
    answer.ask === 'top-apps'
      ? [b.apps, w.tenant.topApps, w.tenant.appsTitle]
      : answer.ask === 'top-codes'
        ? [b.codes, w.tenant.topCodes, w.tenant.codesTitle]
        : [b.countries, w.tenant.topCountries, w.tenant.countriesTitle];
  if (tallies.length === 0) return none(answer, ctx);
  const first = tallies[0];
  const key = answer.ask === 'top-codes' ? first.key : tallyLabel(answer, first, ctx);
  const headline = [
    fill(sentence, {
      key,
      failures: plural(ctx.language, w.nFailedAttempts, first.failures),
      people: plural(ctx.language, w.nPeople, first.people),
      title: answer.ask === 'top-codes' ? explain(Number(first.key), ctx.language, ctx.audience).title : '',
    }),
  ];
  for (const { incident, failing } of answer.incidents) headline.push(incidentLine(incident, failing, ctx, true));
  const lines = tallies.slice(0, ROWS).map((t) =>
    fill(w.tenant.row, {
      key: tallyLabel(answer, t, ctx),
      failures: plural(ctx.language, w.nFailedAttempts, t.failures),
      people: plural(ctx.language, w.nPeople, t.people),
    }),
  );
  const chart = tallyChart(
    title,
    tallies.map((t) => ({ label: tallyLabel(answer, t, ctx), failures: t.failures })),
  );
  return { headline, body: [...(chart ? [chart] : []), ...list(title, lines, null)], steps: [], lines };
}

function list(title: string, lines: string[], more: string | null): Element[] {
  if (lines.length === 0) return [];
  return [
    text(plain(title), { weight: 'Bolder', size: 'Small', separator: true, spacing: 'Medium' }),
    text(lines.map((l) => `- ${plain(l)}`).join('\n'), { size: 'Small', spacing: 'Small' }),
    ...(more ? [subtle(plain(more))] : []),
  ];
}

function notes(answer: TenantAnswer, ctx: VerdictContext, w: Wording): string[] {
  const out: string[] = answer.unapplied.map((u) => unappliedText(u, ctx.language));
  if (answer.window.defaultDays) out.push(fill(w.defaultWindow, { days: answer.window.defaultDays }));
  if (answer.window.defaultHours) out.push(fill(w.defaultWindowHours, { hours: answer.window.defaultHours }));
  const coverage = coverageNote(answer, ctx);
  if (coverage) out.push(coverage);
  if (answer.freshness?.source === 'index')
    out.push(fill(w.freshness, { time: localDateTime(answer.freshness.asOf, ctx.timeZone, ctx.language) }));
  return out;
}

export function tenantCard(answer: TenantAnswer, ctx: VerdictContext): Card {
  const w = wording(ctx.language);
  const parts =
    answer.ask === 'people'
      ? whoFailed(answer, ctx)
      : answer.ask === 'locked-now'
        ? lockedOut(answer, ctx)
        : top(answer, ctx);
  parts.headline[0] = headlineOfPart(parts.headline[0], answer.headlineFrom, ctx);
  const scope = scopeLine(answer, ctx, parts.headline);
  const body: Element[] = [
    heading(plain(parts.headline[0])),
    ...parts.headline.slice(1).map((h) => text(plain(h), { spacing: 'Small' })),
    subtle(plain(scope)),
  ];
  if (parts.steps.length > 0)
    body.push({
      type: 'Container',
      spacing: 'Medium',
      items: [text(w.whatToDoNow, { weight: 'Bolder' }), text(plain(numbered(parts.steps)), { spacing: 'Small' })],
    });
  body.push(...parts.body);
  if (answer.ask === 'people' || answer.ask === 'locked-now') {
    const charts = [
      timelineChart(answer.pattern, ctx),
      answer.ask === 'people' ? appChart(answer.pattern, ctx) : null,
    ].filter((e): e is Element => e !== null);
    body.push(...charts);
  }
  const noteList = notes(answer, ctx, w);
  if (noteList.length > 0) body.push(subtle(plain(noteList.join(' '))));
  const summary = [
    ...parts.headline,
    scope,
    ...parts.steps.map((s, i) => `${i + 1}. ${s}`),
    ...parts.lines,
    ...noteList,
  ].join('\n');
  // The attempts themselves, as a list (the same question without the tenant-wide kind).
  const { ask: _ask, ...list } = answer.query;
  const actions =
    answer.breakdown.failures > 0
      ? [execute(w.tenant.showAttempts, 'showMore', { ...queryData(list, ctx.language), offset: 0 })]
      : [];
  return card(body, summary, actions);
}
