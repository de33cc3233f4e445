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
  /** A GUID labelled "request id", "trace id" or "aanvraag-id" — or with no label (`unlabelled`): the id of one sign-in record. */
  requestId: string | null;
  /** `requestId` had no word saying what it is: a sign-in first, a user second. */
  unlabelled: boolean;
  /** A user passed the id on ("a correlation id from the user: …", "… kreeg ik van een gebruiker"): not the asker's own. */
  relayed: boolean;
  errorCode: number | null;
  text: string;
}

// The last group may have 13 digits: the Agents Playground's user ids (…-0000000000020) are not
// well-formed GUIDs but are the object ids the demo tenant and the Playground use.
const GUID = /(?<![0-9a-f-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}(?![0-9a-f-])/gu;
const UPN = /(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/**
 * What the words around a GUID say it is: the nearest label before it in the same sentence ("the
 * request id from the error screen: …", "why did request … fail", "user …"), else one right after
 * it ("… is the correlation id"). Labels come from the word lists; "other" ids (tenant, app, device)
 * are left alone.
 */
type IdRole = 'correlation' | 'request' | 'user' | 'other';
/** Words for a person: before an id they say whose it is, or (from a person, "pasted by a user") who passed it on. */
const PEOPLE = [
  'user',
  'gebruiker',
  'person',
  'persoon',
  'employee',
  'medewerker',
  'colleague',
  'collega',
  'caller',
  'beller',
];
const ROLE_WORDS: Array<[IdRole, string[]]> = [
  ['correlation', merged((w) => w.intent.correlationLabel)],
  [
    'request',
    [
      ...merged((w) => w.intent.requestLabel),
      'request',
      'requests',
      'req',
      'trace',
      'aanvraag',
      'verzoek',
      'sign-in id',
      'signin id',
      'sign-in',
      'aanmelding',
    ],
  ],
  [
    'user',
    ['users', 'user id', 'object id', 'objectid', 'object-id', 'account', 'gebruikers-id', 'gebruikers id', ...PEOPLE],
  ],
  [
    'other',
    [
      'tenant',
      'tenant id',
      'app id',
      'application id',
      'client id',
      'resource id',
      'device id',
      'policy id',
      'session id',
      'directory id',
      'apparaat-id',
      'toepassings-id',
      'app-id',
    ],
  ],
];
const ROLE_BEFORE = ROLE_WORDS.map(
  ([role, words]) => [role, new RegExp(`${START}${alternation(words)}${END}`, 'gu')] as const,
);
const ROLE_AFTER = ROLE_WORDS.map(
  ([role, words]) =>
    [
      role,
      new RegExp(
        // ("<id> <- correlation id from her screenshot", "<id> (correlatie-id)", "<id>, that's the request id")
        `^[\\s:=#<>()[\\],←-]*(?:(?:that's|thats|that is|this is|dat is|is|was|are|zijn|as|als)\\s+)?(?:(?:the|a|an|de|het|een|my|mijn|her|his|zijn|haar)\\s+)?${alternation(words)}${END}`,
        'u',
      ),
    ] as const,
);
const LOOK_BEFORE = 60;
const FROM_SOMEONE =
  /(?:^|\s)(?:from|van|by|door|of)\s+(?:(?:the|a|an|that|this|my|our|one|de|het|een|die|deze|mijn|onze)\s+)?$/u;
/** "<id> can't sign in", "why did <id> fail to sign in", "<id> kon niet inloggen": the id acts, so it is a person's. */
const ACTS_AFTER = new RegExp(
  `^(?:'s)?\\s+(?:${alternation([
    'fail to sign',
    'failed to sign',
    'fail to log',
    'failed to log',
    'sign in',
    'signed in',
    'log in',
    'logged in',
    'login',
    "can't",
    'cant',
    'cannot',
    "couldn't",
    'couldnt',
    'is locked',
    'was locked',
    'got locked',
    'get locked',
    'kan niet',
    'kon niet',
    'inloggen',
    'aanmelden',
    'ingelogd',
    'aangemeld',
  ])})${END}`,
  'u',
);

/** "… gave me", "… stuurde": a user word followed by one of these gave the id. */
const GAVE =
  /^\s+(?:gave|sent|forwarded|shared|pasted|emailed|mailed|gaf|stuurde|deelde|mailde|doorstuurde)(?![\p{L}\p{N}])/u;

/** "got this from a user …", "kreeg ik van een gebruiker: …": a person who passed an id on, not what the id is. */
const FROM_A_PERSON =
  /(?:^|\s)(?:from|van|by|door)\s+(?:a|an|one|some|een|iemand|one of (?:the|our|my)|een van (?:de|onze|mijn))\s+(?:guest|external|new|gast|externe|nieuwe)?\s*$/u;
/** "request id of user …": the user owns the id that follows. */
const OWNER_BEFORE = /(?:^|\s)(?:of|for|van|voor)\s+(?:the\s+|de\s+)?$/u;
const PERSON_WORDS = new Set([...PEOPLE, 'users', 'gebruikers']);

/** A request or correlation id named before, then "from/van (the)" or "… gave": the person named gave the id. */
function givenBy(before: string, after: string): boolean {
  if (!FROM_SOMEONE.test(before) && !GAVE.test(after)) return false;
  return ROLE_BEFORE.some(([role, regex]) => {
    regex.lastIndex = 0;
    return (role === 'correlation' || role === 'request') && regex.test(before);
  });
}

function roleOf(lower: string, start: number, end: number): { role: IdRole | null; relayed: boolean } {
  const from = Math.max(0, start - LOOK_BEFORE);
  // Only this sentence: a full stop, question mark or line break ends the look-back.
  const before = lower
    .slice(from, start)
    .split(/[.?!]\s|\n/u)
    .pop()!;
  let best: { role: IdRole; at: number; start: number; word: string } | null = null;
  let relayed = false;
  for (const [role, regex] of ROLE_BEFORE) {
    regex.lastIndex = 0;
    for (const m of before.matchAll(regex)) {
      // "a correlation id from the user: …", "request id van de gebruiker": who gave the id, not what it is.
      const giver =
        role === 'user' &&
        (givenBy(before.slice(0, m.index), before.slice(m.index + m[0].length)) ||
          (PERSON_WORDS.has(m[0]) &&
            (FROM_A_PERSON.test(before.slice(0, m.index)) || GAVE.test(before.slice(m.index + m[0].length)))));
      if (giver) {
        relayed = true;
        continue;
      }
      const at = m.index + m[0].length;
      if (!best || at > best.at || (at === best.at && role === 'correlation'))
        best = { role, at, start: m.index, word: m[0] };
    }
  }
  // "correlatieid uit screenshot gebruiker: …": a request or correlation label earlier in the sentence says what the
  // id is; a bare "user" after it says whose screen it came from.
  if (best?.role === 'user' && PERSON_WORDS.has(best.word) && !OWNER_BEFORE.test(before.slice(0, best.start))) {
    const labelled = ROLE_BEFORE.find(([role, regex]) => {
      regex.lastIndex = 0;
      return (role === 'correlation' || role === 'request') && regex.test(before);
    });
    if (labelled) best = { ...best, role: labelled[0] };
  }
  // "sign-ins of <id>", "aanmeldingen van <id>": a person's.
  if (/(?:^|\s)(?:of|for|by|van|voor|door)\s*$/u.test(before)) return { role: 'user', relayed };
  if (best) return { role: best.role, relayed };
  const after = lower.slice(end, end + 40);
  if (ACTS_AFTER.test(after)) return { role: 'user', relayed };
  return { role: ROLE_AFTER.find(([, regex]) => regex.test(after))?.[0] ?? null, relayed };
}

const CODE_LABEL = alternation(merged((w) => w.intent.codeLabel));
const CODE = '(\\d{5,7})';
const LABELLED_CODE = new RegExp(
  `${START}(?:aadsts\\s*[-:]?\\s*${CODE}|${CODE_LABEL}\\s*[:#-]?\\s*(?:aadsts\\s*)?${CODE})${END}`,
  'gu',
);
const CODE_THEN_LABEL = new RegExp(`${START}${CODE}\\s+(?:error|code|fout|foutmelding|melding|foutcode)${END}`, 'gu');
const BARE_CODE = /(?<![\p{L}\p{N}.:/,-])\d{5,7}(?![\p{L}\p{N}:/-]|[.,]\d)/gu;

/** Finds GUIDs and UPNs in `lower` (lower-cased text) and masks them. */
export function findIds(lower: string): Ids {
  let text = lower;
  let objectId: string | null = null;
  let correlation: string | null = null;
  let request: string | null = null;
  let unlabelled: string | null = null;
  let relayed = false;
  for (const m of lower.matchAll(GUID)) {
    const found = roleOf(lower, m.index, m.index + m[0].length);
    const role = found.role;
    relayed ||= found.relayed;
    if (role === 'correlation') correlation ??= m[0];
    else if (role === 'request') request ??= m[0];
    else if (role === 'user') objectId ??= m[0];
    else if (role === null) unlabelled ??= m[0];
    text = mask(text, m.index, m.index + m[0].length);
  }
  // A GUID alone is a sign-in first; beside a labelled one ("user … request …") it is the other kind.
  if (unlabelled && !request && !correlation) request = unlabelled;
  else if (unlabelled && !objectId) objectId = unlabelled;
  const isUnlabelled = request !== null && request === unlabelled;
  let upn: string | null = null;
  for (const m of text.matchAll(UPN)) {
    upn ??= m[0].replace(/^['.]+|['.]+$/g, '');
    text = mask(text, m.index, m.index + m[0].length);
  }
  const found = findLabelledCode(text);
  return {
    upn,
    objectId,
    correlationId: correlation,
    requestId: request,
    unlabelled: isUnlabelled,
    relayed,
    errorCode: found.code,
    text: found.text,
  };
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
