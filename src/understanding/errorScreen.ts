/**
 * Microsoft's sign-in error screen, pasted: "AADSTS50053: … Troubleshooting details … Request Id: …
 * Correlation Id: … Timestamp: …" (or Dutch "Aanvraag-id", "Correlatie-id", "Tijdstempel"), and the
 * short OAuth form "AADSTS50126: … Trace ID: … Correlation ID: … Timestamp: …". It arrives with
 * its lines intact or joined into one line (the Agents Playground and one-line boxes join them).
 *
 * The screen runs from its first line to the end of the message and is cut off as a whole: none of
 * its words ("you've", "clipboard", "beheerder") is a name, a time or an app. What the asker wrote
 * before it ("Megan got this:") is left for the rest of the parser.
 */
import { END, START, alternation } from './phrases';
import type { TimeRange } from './timeRange';
import { type TimestampContext, findTimestamp } from './timestamps';
import { merged } from './words';

export interface ErrorScreen {
  errorCode: number | null;
  requestId: string | null;
  correlationId: string | null;
  /** About an hour around the screen's timestamp (both readings when it has no zone); null when the screen has none. */
  window: TimeRange | null;
  /** "App name: …" as typed, when the screen has it. */
  app: string | null;
  /** Where the screen starts: it runs to the end, so the rest of the parser reads only the text before it. */
  start: number;
}

const GUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13})';
const VALUE_GAP = `[\\s:=#]*`;
/** "Sorry," / "Sorry, but" before the opener belongs to the screen: it is never a name. */
const SORRY = `(?:${START}(?:sign in|aanmelden)\\s+)?(?:${START}sorry[,.!]?\\s*(?:(?:but|maar)\\s+)?)?`;
/** A screen line pasted on its own ("Request Id: …", "Tijdstempel: …"): the screen starts there. */
const LABEL_LINE = alternation(
  merged((w) => [...w.intent.requestLabel, ...w.intent.correlationLabel, ...w.screen.timestampLabel]),
);
const PHRASE_OPENING = new RegExp(`${SORRY}${START}${alternation(merged((w) => w.screen.openers))}`, 'u');
const CODE_OPENING = new RegExp(`${SORRY}${START}aadsts\\s*\\d{5,7}\\s*:`, 'u');
const LABEL_OPENING = new RegExp(`${START}${LABEL_LINE}\\s*:`, 'u');
const labelled = (labels: string[], value: string) =>
  new RegExp(`${START}${alternation(labels)}${VALUE_GAP}${value}`, 'u');
const REQUEST = labelled(
  merged((w) => w.intent.requestLabel),
  GUID,
);
const CORRELATION = labelled(
  merged((w) => w.intent.correlationLabel),
  GUID,
);
/** "Timestamp:" / "Tijdstempel:": the screen's own time, which beats dates quoted in its message. */
const TIMESTAMP_LABEL = new RegExp(`${START}${alternation(merged((w) => w.screen.timestampLabel))}\\s*:`, 'u');
const CODE = new RegExp(`${START}(?:aadsts|error code|errorcode|foutcode)\\s*:?\\s*(?:aadsts)?(\\d{5,7})${END}`, 'u');
const CODE_BY_WORDING = merged((w) => w.screen.codeByWording).map(({ wording, code }) => ({
  wording: new RegExp(`${START}${wording}${END}`, 'u'),
  code,
}));
const APP_NAME = new RegExp(
  `${START}${alternation(merged((w) => w.screen.appNameLabel))}\\s*:\\s*([^\\n\\r]+?)\\s*(?=${alternation(merged((w) => w.screen.otherLabels))}\\s*:|[\\n\\r]|$)`,
  'u',
);

/** The pasted screen in `lower` (the lower-cased `original`), or null when there is none. */
export function findErrorScreen(lower: string, original: string, ctx: TimestampContext): ErrorScreen | null {
  const opening = firstOf([PHRASE_OPENING, CODE_OPENING, LABEL_OPENING], lower);
  if (!opening) return null;
  const screen = lower.slice(opening.index);
  // AADSTS50173's message quotes when the grant was issued: the labelled timestamp is when it happened.
  const label = TIMESTAMP_LABEL.exec(screen);
  const stamp = (label && findTimestamp(screen.slice(label.index), ctx)) || findTimestamp(screen, ctx);
  const requestId = REQUEST.exec(screen)?.[1] ?? null;
  const correlationId = CORRELATION.exec(screen)?.[1] ?? null;
  const errorCode = Number(CODE.exec(screen)?.[1] ?? NaN) || null;
  // What makes it a screen and not a question that quotes one line: a fact besides the opening
  // ("AADSTS50126: what does that mean?" is a question about a code).
  const facts = [stamp, requestId, correlationId].filter((f) => f !== null).length;
  if (facts === 0 && (opening.regex !== PHRASE_OPENING || errorCode === null)) return null;
  const app = APP_NAME.exec(screen);
  // "Request ID: …, Debra got this when opening Teams": one labelled id in a sentence, not a screen.
  if (opening.regex === LABEL_OPENING && facts === 1 && !stamp && errorCode === null && !app) return null;
  const appStart = app ? opening.index + app.index + app[0].lastIndexOf(app[1]) : 0;
  return {
    errorCode: errorCode ?? CODE_BY_WORDING.find((c) => c.wording.test(screen))?.code ?? null,
    requestId,
    correlationId,
    window: stamp?.window ?? null,
    app: app ? original.slice(appStart, appStart + app[1].length).trim() || null : null,
    start: opening.index,
  };
}

/** The earliest match of any of the regexes. */
function firstOf(regexes: RegExp[], text: string): { index: number; regex: RegExp } | null {
  let best: { index: number; regex: RegExp } | null = null;
  for (const regex of regexes) {
    const m = regex.exec(text);
    if (m && (!best || m.index < best.index)) best = { index: m.index, regex };
  }
  return best;
}
