/**
 * `parse` is a pure function of the text and its context. Its clock is taken to the whole second —
 * the sign-in log's own resolution — so the same question in the same context within one second
 * (a burst of people asking "why can't I sign in?" when something breaks, a person pressing Enter
 * twice) is parsed once. Only the current second's parses are kept, at most `maxEntries`.
 */
import type { ParseContext, Question } from './question';

export type ParseFunction = (text: string, ctx: ParseContext) => Question;

export function memoizedParse(parse: ParseFunction, maxEntries = 1000): ParseFunction {
  let second = NaN;
  let kept = new Map<string, Question>();
  return (text, ctx) => {
    const at = Math.floor(ctx.now.getTime() / 1000) * 1000;
    if (at !== second) {
      second = at;
      kept = new Map();
    }
    const key = keyOf(text, ctx);
    const found = kept.get(key);
    // A copy: a caller may add to its question without changing the next caller's.
    if (found) return { ...found };
    const question = parse(text, { ...ctx, now: new Date(at) });
    if (kept.size < maxEntries) kept.set(key, question);
    return { ...question };
  };
}

/** Everything the parse reads besides the clock. JSON keeps dates as their ISO text. */
function keyOf(text: string, ctx: ParseContext): string {
  return JSON.stringify([text, ctx.timeZone, ctx.locale ?? null, ctx.mentions ?? [], ctx.previous ?? null]);
}
