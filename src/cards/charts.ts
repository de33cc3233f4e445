/**
 * Sign-in patterns as Teams' Adaptive Card charts (Chart.Line, Chart.Donut, Chart.VerticalBar;
 * Microsoft Teams "Charts in Adaptive Cards"), each with a text fallback: a client that does not
 * draw charts (or the Adaptive Cards HTML renderer) shows the same numbers as lines of text.
 */
import type { SignInCounts } from '../diagnosis/counts';
import type { Language } from '../shared/types';
import { clip, plain, text, type Element } from './elements';
import { countryName, fill, wording } from './wording';

/** Points drawn in a donut or bar chart; the rest are left out of the picture (they are few by then). */
const MAX_SLICES = 6;

interface Ctx {
  language: Language;
  timeZone: string;
}

/** What a client without charts shows: the chart's title and its numbers as a list. */
function fallback([title, ...lines]: string[]): Element {
  return {
    type: 'Container',
    items: [
      text(plain(title), { weight: 'Bolder', size: 'Small' }),
      text(lines.map((l) => `- ${plain(l)}`).join('\n'), { size: 'Small', spacing: 'Small' }),
    ],
  };
}

/** "2026-12-06" → "Sun 6 Dec"; "2026-12-06T14" → "14:00". */
function label(key: string, bucket: 'hour' | 'day', ctx: Ctx): string {
  if (bucket === 'hour') return `${key.slice(11, 13)}:00`;
  const [y, m, d] = key.split('-').map(Number);
  return new Intl.DateTimeFormat(ctx.language === 'nl' ? 'nl-NL' : 'en-GB', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** Successes and failures over the window, per hour (two days or less) or per day. */
export function timelineChart(pattern: SignInCounts, ctx: Ctx): Element | null {
  const w = wording(ctx.language).chart;
  const { bucket, points } = pattern.timeline;
  if (points.length < 2 || pattern.total === 0) return null;
  const series = (legend: string, color: string, pick: (p: (typeof points)[number]) => number) => ({
    legend,
    color,
    values: points.map((p) => ({ x: label(p.key, bucket, ctx), y: pick(p) })),
  });
  const busy = points.filter((p) => p.total > 0);
  const lines = busy.map((p) =>
    fill(pattern.onlyFailures ? w.timelineRowFailed : w.timelineRow, {
      key:
        bucket === 'hour'
          ? `${label(p.key.slice(0, 10), 'day', ctx)} ${label(p.key, 'hour', ctx)}`
          : label(p.key, 'day', ctx),
      succeeded: p.succeeded,
      failed: p.failed,
    }),
  );
  if (busy.length < points.length) lines.push(w.quiet);
  const title = bucket === 'hour' ? w.perHour : w.perDay;
  return {
    type: 'Chart.Line',
    title,
    spacing: 'Medium',
    // Narrowed to one kind of failure, there were no successes to read: a flat "succeeded" line would say otherwise.
    data: [
      ...(pattern.onlyFailures ? [] : [series(w.succeeded, 'good', (p) => p.succeeded)]),
      series(w.failed, 'attention', (p) => p.failed),
    ],
    fallback: fallback([title, ...lines]),
  };
}

/** Where the sign-ins came from. */
export function countryChart(pattern: SignInCounts, ctx: Ctx): Element | null {
  const w = wording(ctx.language).chart;
  const countries = pattern.perCountry.filter((c) => c.country !== '?');
  if (countries.length < 2) return null;
  const shown = countries.slice(0, MAX_SLICES);
  const name = (code: string) => countryName(code, ctx.language) ?? code;
  return {
    type: 'Chart.Donut',
    title: w.byCountry,
    spacing: 'Medium',
    data: shown.map((c) => ({ legend: name(c.country), value: c.total })),
    fallback: fallback([
      w.byCountry,
      ...shown.map((c) =>
        fill(pattern.onlyFailures ? w.countryRowFailed : w.countryRow, {
          country: name(c.country),
          total: c.total,
          failed: c.failed,
        }),
      ),
    ]),
  };
}

/** Which apps the failures were in. */
export function appChart(pattern: SignInCounts, ctx: Ctx): Element | null {
  const w = wording(ctx.language).chart;
  const failing = pattern.perApp
    .filter((a) => a.failed > 0)
    .sort((a, b) => b.failed - a.failed)
    .slice(0, MAX_SLICES);
  if (failing.length === 0) return null;
  return {
    type: 'Chart.VerticalBar',
    title: w.byApp,
    spacing: 'Medium',
    data: failing.map((a) => ({ x: clip(a.app, 24), y: a.failed, color: 'attention' })),
    fallback: fallback([
      w.byApp,
      ...failing.map((a) =>
        fill(pattern.onlyFailures ? w.appRowFailed : w.appRow, { app: a.app, failed: a.failed, total: a.total }),
      ),
    ]),
  };
}

/** The charts of a pattern, in reading order (when, where, what). */
export function patternCharts(pattern: SignInCounts, ctx: Ctx): Element[] {
  return [timelineChart(pattern, ctx), countryChart(pattern, ctx), appChart(pattern, ctx)].filter(
    (e): e is Element => e !== null,
  );
}

/** The ranked failures of a tenant-wide answer (apps, codes, countries) as bars. */
export function tallyChart(title: string, rows: Array<{ label: string; failures: number }>): Element | null {
  const shown = rows.slice(0, MAX_SLICES);
  if (shown.length === 0) return null;
  return {
    type: 'Chart.VerticalBar',
    title,
    spacing: 'Medium',
    data: shown.map((r) => ({ x: clip(r.label, 24), y: r.failures, color: 'attention' })),
    fallback: 'drop',
  };
}
