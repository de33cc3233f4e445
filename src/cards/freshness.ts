/**
 * One small line under an answer read from the live sign-in index: as of when the log was read.
 * (The cards are being redesigned; this stays a separate step so it can move onto the new renderer.)
 */
import type { Language } from '../understanding/question';
import { fill } from '../diagnosis/diagnose';
import { localDateTime } from '../time';
import { strings, type Card } from './render';

export function withFreshness(card: Card, asOf: Date | undefined, language: Language, timeZone: string): Card {
  if (!asOf) return card;
  const line = fill(strings(language).dataAsOf, { time: localDateTime(asOf, timeZone, language) });
  const body = Array.isArray(card.content.body) ? card.content.body : [];
  return {
    ...card,
    content: { ...card.content, body: [...body, { type: 'TextBlock', text: line, isSubtle: true, size: 'Small', wrap: true, spacing: 'Small' }] },
    summary: `${card.summary}\n${line}`,
  };
}
