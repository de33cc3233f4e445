/** What a sign-in answer covered, in words: the person, app, code, ids and window it was filtered on. */
import type { Language } from '../understanding/question';
import type { CountAnswer, SummaryAnswer } from '../answers/types';
import { localDateTime } from '../time';
import { fill, wording } from './wording';

interface Ctx {
  language: Language;
  timeZone: string;
}

export function windowText(answer: SummaryAnswer | CountAnswer, ctx: Ctx): string {
  const w = wording(ctx.language);
  return fill(w.windowBetween, { from: localDateTime(answer.window.from, ctx.timeZone, ctx.language), to: localDateTime(answer.window.to, ctx.timeZone, ctx.language) });
}

/** Every filter applied, so that an empty answer shows the question was understood. */
export function filtersText(answer: SummaryAnswer | CountAnswer, ctx: Ctx): string {
  const w = wording(ctx.language);
  const q = answer.query;
  const parts = [
    answer.subject.kind === 'person' ? fill(w.filterPerson, { name: answer.subject.name }) : answer.subject.kind === 'self' ? w.filterSelf : w.filterAnyone,
    q.app ? fill(w.filterApp, { app: q.app }) : null,
    q.errorCode !== null ? fill(w.filterCode, { code: q.errorCode }) : null,
    q.category ? fill(w.filterCategory, { category: q.category }) : null,
    q.correlationId ? fill(w.filterCorrelation, { id: q.correlationId }) : null,
    q.requestId ? fill(w.filterRequest, { id: q.requestId }) : null,
    windowText(answer, ctx),
  ];
  return parts.filter(Boolean).join(' ');
}
