/** What a sign-in answer covered, in words: the person, app, code, ids and window it was filtered on. */
import type { Language } from '../shared/types';
import type { AnswerSubject, AnswerWindow, HeadlineFrom, ResolvedQuery, UnappliedFilter } from '../answers/types';
import { localDateTime } from '../shared/time';
import { countryName, fill, plural, wording, type Plural } from './wording';

/** What every sign-in answer says it covered: the query, whose sign-ins, and the window. */
interface Scoped {
  query: ResolvedQuery;
  subject: AnswerSubject;
  window: AnswerWindow;
}

interface Ctx {
  language: Language;
  timeZone: string;
}

/**
 * "In the newest 2,000 sign-ins (back to Thu 26 Nov, 09:12): <headline>" when the headline is drawn from part of the
 * window; "All interactive sign-ins read, background refreshes back to …: <headline>" when only those were cut.
 */
export function headlineOfPart(headline: string, from: HeadlineFrom | undefined, ctx: Ctx): string {
  if (!from) return headline;
  const w = wording(ctx.language);
  return fill(from.onlyBackground ? w.tenant.headlineFromPartBackground : w.tenant.headlineFromPart, {
    count: plural(ctx.language, w.nSignIns, from.records),
    time: localDateTime(from.readBackTo, ctx.timeZone, ctx.language),
    headline,
  });
}

export function windowText(answer: Scoped, ctx: Ctx): string {
  const w = wording(ctx.language);
  return fill(w.windowBetween, {
    from: localDateTime(answer.window.from, ctx.timeZone, ctx.language),
    to: localDateTime(answer.window.to, ctx.timeZone, ctx.language),
  });
}

/**
 * The line under the headline: what the answer covered ("for Megan Bowen between … (Europe/Amsterdam)"). When the
 * lines above it already say the window (an empty answer repeats its filters, a count or a yes/no names its period),
 * only the time zone the times are in: the card never says the same thing twice.
 */
export function scopeLine(answer: Scoped, ctx: Ctx, above: readonly string[]): string {
  const w = wording(ctx.language);
  if (above.some((line) => line.includes(windowText(answer, ctx)))) return fill(w.timesIn, { timeZone: ctx.timeZone });
  return fill(w.scopeLine, { filters: filtersText(answer, ctx), timeZone: ctx.timeZone });
}

/** A kind of failure as a plural noun ("MFA failures", "Conditional Access blocks"); the form Intl.PluralRules picks for `count`. */
export function categoryNoun(category: string, ctx: Ctx, count = 0): string {
  const noun = (wording(ctx.language).categoryNouns as Record<string, Plural>)[category];
  return noun ? plural(ctx.language, noun, count) : category;
}

/** Every filter applied, so that an empty answer shows the question was understood; `withoutCategory` when the sentence names it already. */
export function filtersText(answer: Scoped, ctx: Ctx, withoutCategory = false): string {
  const w = wording(ctx.language);
  const q = answer.query;
  const parts = [
    answer.subject.kind === 'person'
      ? fill(w.filterPerson, { name: answer.subject.name })
      : answer.subject.kind === 'self'
        ? w.filterSelf
        : q.guests
          ? w.filterGuests
          : w.filterAnyone,
    q.app ? fill(w.filterApp, { app: q.app }) : null,
    q.errorCode !== null ? fill(w.filterCode, { code: q.errorCode }) : null,
    q.category && !withoutCategory ? fill(w.filterCategory, { kind: categoryNoun(q.category, ctx) }) : null,
    q.country
      ? q.country.code === null
        ? w.filterAbroad
        : fill(q.country.outside ? w.filterOutsideCountry : w.filterCountry, {
            country: countryName(q.country.code, ctx.language) ?? q.country.code,
          })
      : null,
    q.platform ? fill(w.filterPlatform, { platform: w.platforms[q.platform] }) : null,
    q.correlationId ? fill(w.filterCorrelation, { id: q.correlationId }) : null,
    q.requestId ? fill(w.filterRequest, { id: q.requestId }) : null,
    windowText(answer, ctx),
  ];
  return parts.filter(Boolean).join(' ');
}

/** A filter the question named that the answer could not apply, said on the card. */
export function unappliedText(u: UnappliedFilter, language: Language): string {
  const w = wording(language);
  return u.kind === 'platform'
    ? fill(w.unappliedPlatform, { platform: (w.platforms as Record<string, string>)[u.text] ?? u.text })
    : u.kind === 'guests'
      ? w.unappliedGuests
      : fill(w.unappliedCountry, { text: u.text });
}
