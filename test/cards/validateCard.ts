/** Parses a card with the real Adaptive Cards library and returns every parse and validation message. */
import * as AC from 'adaptivecards';

export function cardProblems(json: Record<string, unknown>): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`parse: ${e.message}`);
  }
  const results = card.validateProperties();
  for (const e of results.validationEvents) problems.push(`validate: ${e.message}`);
  if (json.version !== '1.5') problems.push(`version ${String(json.version)} is not 1.5`);
  if (typeof json.fallbackText !== 'string' || !json.fallbackText) problems.push('no fallbackText');
  return problems;
}

export const bytes = (json: unknown) => Buffer.byteLength(JSON.stringify(json));
