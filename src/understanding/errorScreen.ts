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
import { merged } from './words';

export interface ErrorScreen {
  errorCode: number | null;
  requestId: string | null;
  correlationId: string | null;
  /** The screen's timestamp (UTC). */
  at: Date;
  /** "App name: …" as typed, when the screen has it. */
  app: string | null;
  /** Where the screen starts: it runs to the end, so the rest of the parser reads only the text before it. */
  start: number;
}

const GUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13})';
const VALUE_GAP = `[\\s:=#]*`;
const OPENING = new RegExp(
  `(?:${START}(?:sign in|aanmelden)\\s+)?${START}${alternation(merged((w) => w.screen.openers))}|${START}aadsts\\s*\\d{5,7}\\s*:`,
  'u',
);
const labelled = (labels: string[], value: string) => new RegExp(`${START}${alternation(labels)}${VALUE_GAP}${value}`, 'u');
const REQUEST = labelled(merged((w) => w.intent.requestLabel), GUID);
const CORRELATION = labelled(merged((w) => w.intent.correlationLabel), GUID);
const TIMESTAMP = labelled(
  merged((w) => w.screen.timestampLabel),
  '(\\d{4}-\\d{2}-\\d{2})[t ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,7})?)?)\\s*(?:z|utc)?',
);
const CODE = new RegExp(`${START}aadsts\\s*(\\d{5,7})${END}`, 'u');
const APP_NAME = new RegExp(
  `${START}${alternation(merged((w) => w.screen.appNameLabel))}\\s*:\\s*([^\\n\\r]+?)\\s*(?=${alternation(merged((w) => w.screen.otherLabels))}\\s*:|[\\n\\r]|$)`,
  'u',
);

/** The pasted screen in `lower` (the lower-cased `original`), or null when there is none. */
export function findErrorScreen(lower: string, original: string): ErrorScreen | null {
  const opening = OPENING.exec(lower);
  if (!opening) return null;
  const screen = lower.slice(opening.index);
  const stamp = TIMESTAMP.exec(screen);
  if (!stamp) return null;
  const at = new Date(`${stamp[1]}T${stamp[2].length === 5 ? `${stamp[2]}:00` : stamp[2].slice(0, 12)}Z`);
  if (Number.isNaN(at.getTime())) return null;
  const app = APP_NAME.exec(screen);
  const appStart = app ? opening.index + app.index + app[0].lastIndexOf(app[1]) : 0;
  return {
    errorCode: Number(CODE.exec(screen)?.[1] ?? NaN) || null,
    requestId: REQUEST.exec(screen)?.[1] ?? null,
    correlationId: CORRELATION.exec(screen)?.[1] ?? null,
    at,
    app: app ? original.slice(appStart, appStart + app[1].length).trim() || null : null,
    start: opening.index,
  };
}

const HOUR = 3_600_000;

/** About an hour either side of the screen's time: the attempt and the ones around it. */
export function windowAround(at: Date): { from: Date; to: Date } {
  return { from: new Date(at.getTime() - HOUR), to: new Date(at.getTime() + HOUR) };
}
