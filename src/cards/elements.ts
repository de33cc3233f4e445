/** Small builders for Adaptive Card 1.5 elements, and the escaping every Graph text needs. */
import type { Card } from '../shared/types';

export type Element = Record<string, unknown>;

export type { Card };

/**
 * Card text must not be read as markdown or template syntax: Graph data (a policy name, a failure
 * reason) could contain `${...}` or markdown links.
 */
export function plain(text: string | null | undefined): string {
  return (text ?? '').replace(/\$\{/g, '$ {').replace(/([*[\]])/g, '\\$1');
}

/** Graph's free texts can be long; a card shows the start (the ticket carries them whole). */
export function clip(text: string | null | undefined, max = 160): string {
  const t = (text ?? '').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

export const text = (value: string, extra: Element = {}): Element => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...extra,
});
export const heading = (value: string): Element => text(value, { weight: 'Bolder', size: 'Medium', style: 'heading' });
export const subtle = (value: string): Element => text(value, { isSubtle: true, size: 'Small', spacing: 'Small' });
export const execute = (title: string, verb: string, data: Record<string, unknown>, extra: Element = {}): Element => ({
  type: 'Action.Execute',
  title,
  verb,
  data,
  ...extra,
});
export const numbered = (steps: string[]) => steps.map((s, i) => `${i + 1}. ${s}`).join('\n');

export function card(body: Element[], summary: string, actions: Element[] = []): Card {
  const content: Record<string, unknown> = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: summary,
    speak: summary.split('\n').slice(0, 2).join(' '),
    body,
  };
  if (actions.length > 0) content.actions = actions;
  return { content, summary };
}
