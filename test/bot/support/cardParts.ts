/** The parts of a sign-in answer's card that tests read: verdict, steps, listed attempts, the picker's default. */
import { wording } from '../../../src/cards/wording';

export type El = Record<string, unknown>;

/** Text blocks and actions a person sees without toggling: nothing inside an element with isVisible false. */
export function visible(card: El): { texts: string[]; verbs: string[] } {
  const texts: string[] = [];
  const verbs: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const el = node as El;
    if (el.isVisible === false) return;
    if (el.type === 'TextBlock') texts.push(String(el.text));
    if (el.type === 'Action.Execute') verbs.push(String(el.verb));
    for (const [key, value] of Object.entries(el)) if (key !== 'card') walk(value);
  };
  walk(card.body);
  walk(card.actions);
  return { texts, verbs };
}

/** Every element of the card, depth first. */
function elements(card: El): El[] {
  const out: El[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    out.push(node as El);
    for (const value of Object.values(node as El)) walk(value);
  };
  walk(card.body);
  return out;
}

const unescape = (s: string) => s.replace(/\\([*[\]])/g, '$1');

/** The verdict: the card's heading. */
export function verdictText(card: El): string {
  const heading = elements(card).find((e) => e.type === 'TextBlock' && e.style === 'heading');
  return unescape(typeof heading?.text === 'string' ? heading.text : '');
}

/** The "What to do now" steps (either language), without their numbers. */
export function steps(card: El): string[] {
  const headings = [wording('en').whatToDoNow, wording('nl').whatToDoNow];
  const { texts } = visible(card);
  const i = texts.findIndex((t) => headings.includes(t));
  if (i < 0) return [];
  return texts[i + 1].split('\n').map((s) => unescape(s.replace(/^\d+\. /, '')));
}

/** The attempts listed where anyone sees them (not those folded away). */
export function attemptRows(card: El): string[] {
  const headings = [wording('en').attempts, wording('nl').attempts];
  const { texts } = visible(card);
  const i = texts.findIndex((t) => headings.includes(t));
  if (i < 0) return [];
  return texts[i + 1].split('\n').map((s) => unescape(s.replace(/^- /, '')));
}

/** The sign-in id the attempt picker starts on. */
export function pickerDefault(card: El): string {
  const picker = elements(card).find((e) => e.type === 'Input.ChoiceSet' && e.id === 'attempt');
  return typeof picker?.value === 'string' ? picker.value : '';
}
