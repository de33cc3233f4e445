/**
 * parse(text, ctx) → Question. The steps, in order (each masks what it understood, so later steps
 * never see it again):
 *
 *   clean HTML → mentions → follow-up commands ("show more") → ids (GUID, UPN, error code)
 *   → time expressions → bare error codes → signal words → app → person → subject → intent
 *   → merge with the previous question when this is a follow-up ("and yesterday?").
 *
 * Callers should run `cleanText` first to answer "too long" / ignore empty submits; `parse` calls
 * it again and returns intent 'unknown' for such text.
 */
import { findApp } from './app';
import { cleanText } from './clean';
import { findFollowUp } from './followUp';
import { findBareCode, findIds } from './ids';
import { asksSomething, decideIntent, maskSigninVerbs, signalsOf } from './intent';
import { detectLanguage, languageOfLocale } from './language';
import { isValidTimeZone } from './localTime';
import { MASK } from './phrases';
import type { Language, Mention, ParseContext, Question, Subject } from './question';
import {
  findPerson,
  followUpOpener,
  impliesSelf,
  mentionsAnyone,
  mentionsPluralEvents,
  mentionsSelf,
} from './subject';
import { TimeRange, findTime, shiftRange } from './timeRange';

export { cleanText } from './clean';
export { detectLanguage } from './language';

const FALLBACK_TIME_ZONE = 'UTC';

function emptyQuestion(intent: Question['intent'], language: Language): Question {
  return { intent, subject: null, from: null, to: null, app: null, errorCode: null, correlationId: null, language };
}

/** Lower case without changing any offset (a few characters grow when lower-cased, e.g. "İ"). */
function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  return Array.from(text, (ch) => {
    const l = ch.toLowerCase();
    return l.length === ch.length ? l : ch;
  }).join('');
}

const normaliseName = (name: string) => name.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Replaces `<at>Name</at>` tags with MASK characters and finds the first one that is a mention of
 * someone in `mentions` (the bot's own mention is not in that list, so its tag is just dropped).
 * Tags are matched to mentions by name, in order; when the text has no tags (already stripped),
 * a mentioned name written in the text counts too.
 */
function takeMentions(text: string, mentions: Mention[]): { text: string; index: number | null } {
  const used = new Set<number>();
  let first: number | null = null;
  const masked = text.replace(/<at>([^<]*)<\/at>/g, (tag, name: string) => {
    const wanted = normaliseName(name);
    const unused = (i: number) => !used.has(i);
    let index = mentions.findIndex((m, i) => unused(i) && normaliseName(m.name) === wanted);
    if (index < 0 && wanted) index = mentions.findIndex((m, i) => unused(i) && normaliseName(m.name).split(' ')[0] === wanted);
    if (index >= 0) {
      used.add(index);
      first ??= index;
    }
    return MASK.repeat(tag.length);
  });
  if (first !== null || masked !== text) return { text: masked, index: first };
  const lower = text.toLowerCase();
  for (const [i, m] of mentions.entries()) {
    const name = normaliseName(m.name);
    const at = name ? lower.indexOf(name) : -1;
    if (at >= 0) return { text: text.slice(0, at) + MASK.repeat(name.length) + text.slice(at + name.length), index: i };
  }
  return { text, index: null };
}

interface Found {
  subject: Subject | null;
  range: TimeRange | null;
  shiftDays?: number;
  app: string | null;
  errorCode: number | null;
  correlationId: string | null;
}

interface SubjectClues {
  mention: number | null;
  upn: string | null;
  objectId: string | null;
  person: string | null;
  /** "I", "my", "ik" outside "show me"-like phrases. */
  self: boolean;
  /** "who", "anyone", "welke gebruikers". */
  anyone: boolean;
  /** The question asks about failures or sign-ins (or gives an error code). */
  asks: boolean;
  /** "failed logins", "aanmeldingen": tenant-wide when no one is named. */
  pluralEvents: boolean;
  /** "cant sign in": the asker, when no one is named. */
  impliedSelf: boolean;
  /** An app, code or correlation id with no one named: tenant-wide ("is salesforce failing?"). */
  tenantWide: boolean;
}

function chooseSubject(c: SubjectClues): Subject | null {
  if (c.mention !== null) return { kind: 'mention', index: c.mention };
  if (c.upn) return { kind: 'upn', value: c.upn };
  if (c.objectId) return { kind: 'objectId', value: c.objectId };
  if (c.person) return { kind: 'person', text: c.person };
  if (c.self) return { kind: 'self' };
  if (c.anyone) return { kind: 'anyone' };
  if (c.asks && c.pluralEvents) return { kind: 'anyone' };
  if (c.asks && c.impliedSelf) return { kind: 'self' };
  return c.tenantWide ? { kind: 'anyone' } : null;
}

export function parse(text: string, ctx: ParseContext): Question {
  const timeZone = isValidTimeZone(ctx.timeZone) ? ctx.timeZone : FALLBACK_TIME_ZONE;
  const timeCtx = { now: ctx.now, timeZone };
  const previous = ctx.previous;
  const cleaned = cleanText(text);
  if (!cleaned.ok) return emptyQuestion('unknown', languageOfLocale(ctx.locale) ?? previous?.language ?? 'en');

  const mentioned = takeMentions(cleaned.text, ctx.mentions ?? []);
  const original = mentioned.text;
  const language = detectLanguage(original, ctx.locale, previous?.language);
  const lower = lowerSameLength(original);

  const command = findFollowUp(lower);
  if (command) return { ...(previous ?? emptyQuestion('unknown', language)), language, followUp: command };

  const ids = findIds(lower);
  const time = findTime(ids.text, timeCtx, language);
  const bare = ids.errorCode === null ? findBareCode(time.text) : { code: null, text: time.text };
  const errorCode = ids.errorCode ?? bare.code;
  const opened = followUpOpener(bare.text);
  const work = opened ?? bare.text;
  const signals = signalsOf(work);
  const asks = asksSomething(signals);

  const app = findApp(maskSigninVerbs(work), original);
  const person = asks || errorCode !== null || opened ? findPerson(app.text, original, language) : null;
  const subject = chooseSubject({
    mention: mentioned.index,
    upn: ids.upn,
    objectId: ids.objectId,
    person: person?.person ?? null,
    self: mentionsSelf(person?.text ?? app.text),
    anyone: mentionsAnyone(work),
    asks: asks || errorCode !== null,
    pluralEvents: mentionsPluralEvents(work),
    impliedSelf: impliesSelf(work),
    tenantWide: (asks && (errorCode !== null || app.app !== null)) || ids.correlationId !== null,
  });
  const found: Found = {
    subject,
    range: time.range,
    shiftDays: time.shiftDays,
    app: app.app,
    errorCode,
    correlationId: ids.correlationId,
  };
  const intent = decideIntent({ signals, errorCode, correlationId: ids.correlationId, subject, hasTime: time.range !== null });

  const isFollowUp =
    previous !== undefined &&
    (opened !== null || found.shiftDays !== undefined || (!asks && !signals.explain && intent !== 'help' && somethingFound(found)));
  if (previous && isFollowUp) return mergeWithPrevious(previous, found, intent, asks || signals.explain, language, timeCtx);

  const range = found.shiftDays !== undefined ? shiftRange(null, found.shiftDays, timeCtx) : found.range;
  return {
    intent,
    subject,
    from: range?.from ?? null,
    to: range?.to ?? null,
    app: found.app,
    errorCode,
    correlationId: found.correlationId,
    language,
  };
}

function somethingFound(f: Found): boolean {
  return f.subject !== null || f.range !== null || f.app !== null || f.errorCode !== null || f.correlationId !== null;
}

/**
 * "and yesterday?", "what about bob?", "en bij Teams?": the previous question with what this
 * message changes. A new subject drops the previous correlation id (it belonged to that sign-in).
 */
function mergeWithPrevious(
  previous: Question,
  found: Found,
  intent: Question['intent'],
  asksAgain: boolean,
  language: Language,
  timeCtx: { now: Date; timeZone: string },
): Question {
  const previousRange = previous.from && previous.to ? { from: previous.from, to: previous.to } : null;
  const range =
    found.shiftDays !== undefined ? shiftRange(previousRange, found.shiftDays, timeCtx) : (found.range ?? previousRange);
  const keepsIntent = !asksAgain && previous.intent !== 'unknown' && previous.intent !== 'help';
  return {
    intent: keepsIntent ? previous.intent : intent === 'unknown' ? previous.intent : intent,
    subject: found.subject ?? previous.subject,
    from: range?.from ?? null,
    to: range?.to ?? null,
    app: found.app ?? previous.app,
    errorCode: found.errorCode ?? previous.errorCode,
    correlationId: found.correlationId ?? (found.subject ? null : previous.correlationId),
    language,
  };
}
