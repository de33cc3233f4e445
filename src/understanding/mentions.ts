/**
 * Teams mentions in the text. The bot's own mention is not in the `mentions` list the caller
 * passes, so its tag is simply removed; the others are matched to that list by name, in order.
 */
import { MASK } from './phrases';
import type { Mention } from './question';

const normaliseName = (name: string) => name.toLowerCase().replace(/\s+/g, ' ').trim();

export interface MentionFinding {
  /** The text with every `<at>…</at>` tag (or mentioned name) replaced by MASK characters. */
  text: string;
  /** Index into `mentions` of the first person mentioned, or null. */
  index: number | null;
}

/**
 * A tag matches the first unused mention with the same name, else one whose first name it is
 * ("<at>Lynne</at>" for Lynne Robbins). When the text has no tags (already stripped), a mentioned
 * name written in the text counts too.
 */
export function takeMentions(text: string, mentions: Mention[]): MentionFinding {
  const used = new Set<number>();
  let first: number | null = null;
  const masked = text.replace(/<at>([^<]*)<\/at>/g, (tag, name: string) => {
    const wanted = normaliseName(name);
    const free = (i: number) => !used.has(i);
    let index = mentions.findIndex((m, i) => free(i) && normaliseName(m.name) === wanted);
    if (index < 0 && wanted)
      index = mentions.findIndex((m, i) => free(i) && normaliseName(m.name).split(' ')[0] === wanted);
    if (index >= 0) {
      used.add(index);
      first ??= index;
    }
    return MASK.repeat(tag.length);
  });
  if (masked !== text) return { text: masked, index: first };
  const lower = text.toLowerCase();
  for (const [i, m] of mentions.entries()) {
    const name = normaliseName(m.name);
    const at = name ? lower.indexOf(name) : -1;
    if (at >= 0) return { text: text.slice(0, at) + MASK.repeat(name.length) + text.slice(at + name.length), index: i };
  }
  return { text, index: null };
}
