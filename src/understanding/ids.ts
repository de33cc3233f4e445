/**
 * Identifiers in the text: GUIDs (correlation id or object id), UPNs and error codes. They are
 * found first and masked, so that their digits are never read as times and their parts never as
 * names.
 */
import { END, START, alternation, mask } from './phrases';
import { merged } from './words';

export interface Ids {
  upn: string | null;
  objectId: string | null;
  correlationId: string | null;
  /** A GUID labelled "request id", "trace id" or "aanvraag-id": the id of one sign-in record. */
  requestId: string | null;
  errorCode: number | null;
  text: string;
}

// The last group may have 13 digits: the Agents Playground's user ids (…-0000000000020) are not
// well-formed GUIDs but are the object ids the demo tenant and the Playground use.
const GUID = /(?<![0-9a-f-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}(?![0-9a-f-])/gu;
const UPN = /(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

const CORRELATION_LABEL = alternation(merged((w) => w.intent.correlationLabel));
/** Words that may sit between a label and its value: "correlation id is …", "request id: …". */
const LABEL_TAIL = `[\\s:=#-]*(?:(?:is|was|of|van|nummer|number|nr)\\b[\\s:=#-]*)?$`;
const CORRELATION_BEFORE = new RegExp(`${START}${CORRELATION_LABEL}${LABEL_TAIL}`, 'u');
const REQUEST_BEFORE = new RegExp(`${START}${alternation(merged((w) => w.intent.requestLabel))}${LABEL_TAIL}`, 'u');
/** GUIDs that name something other than a person or a sign-in: left alone. */
const OTHER_ID_BEFORE = new RegExp(
  `${START}(?:tenant|app|application|client|resource|device|policy|session|directory|apparaat|toepassings)[\\s-]*(?:id|identifier)${LABEL_TAIL}`,
  'u',
);

const CODE_LABEL = alternation(merged((w) => w.intent.codeLabel));
const CODE = '(\\d{5,7})';
const LABELLED_CODE = new RegExp(`${START}(?:aadsts\\s*[-:]?\\s*${CODE}|${CODE_LABEL}\\s*[:#-]?\\s*(?:aadsts\\s*)?${CODE})${END}`, 'gu');
const CODE_THEN_LABEL = new RegExp(`${START}${CODE}\\s+(?:error|code|fout|foutmelding|melding|foutcode)${END}`, 'gu');
const BARE_CODE = /(?<![\p{L}\p{N}.:/,-])\d{5,7}(?![\p{L}\p{N}:/-]|[.,]\d)/gu;

/** Finds GUIDs and UPNs in `lower` (lower-cased text) and masks them. */
export function findIds(lower: string): Ids {
  let text = lower;
  let objectId: string | null = null;
  let correlation: string | null = null;
  let request: string | null = null;
  for (const m of lower.matchAll(GUID)) {
    const before = lower.slice(Math.max(0, m.index - 40), m.index);
    if (CORRELATION_BEFORE.test(before)) correlation ??= m[0];
    else if (REQUEST_BEFORE.test(before)) request ??= m[0];
    else if (!OTHER_ID_BEFORE.test(before)) objectId ??= m[0];
    text = mask(text, m.index, m.index + m[0].length);
  }
  let upn: string | null = null;
  for (const m of text.matchAll(UPN)) {
    upn ??= m[0].replace(/^['.]+|['.]+$/g, '');
    text = mask(text, m.index, m.index + m[0].length);
  }
  const found = findLabelledCode(text);
  return { upn, objectId, correlationId: correlation, requestId: request, errorCode: found.code, text: found.text };
}

function findLabelledCode(text: string): { code: number | null; text: string } {
  for (const regex of [LABELLED_CODE, CODE_THEN_LABEL]) {
    regex.lastIndex = 0;
    const m = regex.exec(text);
    if (m) {
      const digits = m.slice(1).find((g) => g !== undefined)!;
      return { code: Number(digits), text: mask(text, m.index, m.index + m[0].length) };
    }
  }
  return { code: null, text };
}

/** A bare 5–7 digit number is an error code ("did alice get 50126"); run after times are masked. */
export function findBareCode(text: string): { code: number; start: number; end: number } | null {
  BARE_CODE.lastIndex = 0;
  const m = BARE_CODE.exec(text);
  return m ? { code: Number(m[0]), start: m.index, end: m.index + m[0].length } : null;
}

