/** Parses a card with the real Adaptive Cards library and returns every parse and validation message. */
import * as AC from 'adaptivecards';

/**
 * Elements Teams renders that the Adaptive Cards JS library does not know (Microsoft Teams, "Charts
 * in Adaptive Cards"): accepted only with a `fallback`, so that other clients show something.
 */
const TEAMS_ONLY = new Set([
  'Chart.Donut',
  'Chart.Pie',
  'Chart.Gauge',
  'Chart.Line',
  'Chart.VerticalBar',
  'Chart.VerticalBar.Grouped',
  'Chart.HorizontalBar',
  'Chart.HorizontalBar.Stacked',
]);

/** The types of the Teams-only elements in the card, each with whether every one of them has a fallback. */
function teamsOnly(json: unknown, found = new Map<string, boolean>()): Map<string, boolean> {
  if (Array.isArray(json)) json.forEach((item) => teamsOnly(item, found));
  else if (json && typeof json === 'object') {
    const el = json as Record<string, unknown>;
    if (typeof el.type === 'string' && TEAMS_ONLY.has(el.type))
      found.set(el.type, (found.get(el.type) ?? true) && el.fallback !== undefined);
    for (const [key, value] of Object.entries(el)) if (key !== 'fallback') teamsOnly(value, found);
  }
  return found;
}

export function cardProblems(json: Record<string, unknown>): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  const charts = teamsOnly(json);
  for (const [type, allHaveFallback] of charts) if (!allHaveFallback) problems.push(`${type} without a fallback`);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    const unknown = /^Unknown element type "([^"]+)"/.exec(e.message);
    if (unknown && charts.get(unknown[1])) continue;
    problems.push(`parse: ${e.message}`);
  }
  const results = card.validateProperties();
  for (const e of results.validationEvents) problems.push(`validate: ${e.message}`);
  if (json.version !== '1.5') problems.push(`version ${String(json.version)} is not 1.5`);
  if (typeof json.fallbackText !== 'string' || !json.fallbackText) problems.push('no fallbackText');
  return problems;
}

export const bytes = (json: unknown) => Buffer.byteLength(JSON.stringify(json));
