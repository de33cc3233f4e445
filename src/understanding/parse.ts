/**
 * parse(text, ctx) → Question. Each step masks what it understood, so later steps never see it:
 *
 *   clean HTML → mentions → "show more"/"details" commands → ids (GUID, UPN, labelled error code)
 *   → times (sign-in verbs masked first) → bare error codes → signal words → app → person
 *   → subject → intent → merge with the previous question when this is a follow-up.
 *
 * Callers run `cleanText` first to answer "too long" and to ignore empty card submits; `parse`
 * cleans again (it is idempotent) and returns intent 'unknown' for such text.
 */
import { findApp } from './appName';
import { findCategory } from './category';
import { findErrorScreen, windowAround } from './errorScreen';
import { cleanText } from './clean';
import { Changes, findFollowUp, mergeWithPrevious } from './followUp';
import { findBareCode, findIds } from './ids';
import { asksSomething, decideIntent, looksForSubject, maskSigninVerbs, signalsOf } from './intent';
import { detectLanguage, languageOfLocale } from './language';
import { isValidTimeZone } from './calendar';
import { takeMentions } from './mentions';
import { MASK, mask } from './phrases';
import type { ParseContext, Question } from './question';
import type { Language } from '../shared/types';
import {
  chooseSubject,
  findPerson,
  followUpOpener,
  impliesSelf,
  mentionsAnyone,
  mentionsPluralEvents,
  mentionsSelf,
} from './subject';
import { findTime, shiftRange } from './timeRange';
import { subscriptionIntent } from './subscription';

export { cleanText } from './clean';
export { detectLanguage } from './language';

const FALLBACK_TIME_ZONE = 'UTC';

function emptyQuestion(language: Language): Question {
  return {
    intent: 'unknown', subject: null, from: null, to: null, app: null, errorCode: null, correlationId: null, requestId: null,
    category: null, language,
  };
}

/** Lower case without moving any offset (a few characters grow when lower-cased, e.g. "İ"). */
function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  return Array.from(text, (ch) => {
    const l = ch.toLowerCase();
    return l.length === ch.length ? l : ch;
  }).join('');
}

export function parse(text: string, ctx: ParseContext): Question {
  const timeCtx = { now: ctx.now, timeZone: isValidTimeZone(ctx.timeZone) ? ctx.timeZone : FALLBACK_TIME_ZONE };
  const previous = ctx.previous;
  const cleaned = cleanText(text);
  if (!cleaned.ok) return emptyQuestion(languageOfLocale(ctx.locale) ?? previous?.language ?? 'en');

  const mentioned = takeMentions(cleaned.text, ctx.mentions ?? []);
  const typed = mentioned.text;
  const language = detectLanguage(typed, ctx.locale, previous?.language);
  const typedLower = lowerSameLength(typed);

  const subscription = subscriptionIntent(typedLower);
  if (subscription) return { ...emptyQuestion(language), intent: subscription };

  const command = findFollowUp(typedLower);
  if (command) return { ...(previous ?? emptyQuestion(language)), language, followUp: command };

  // A pasted error screen is taken out first: its ids, code, time and app are facts, and none of
  // its words may be read as a name. Sign-in verbs are masked before times and apps: the "in" of
  // "sign in" is neither "in the last hour" nor "in Teams". Signal words are read from the text
  // with the verbs still there.
  const screen = findErrorScreen(typedLower, typed);
  const original = screen ? typed.slice(0, screen.start) : typed; // as typed; every later text keeps its offsets
  const lower = screen ? typedLower.slice(0, screen.start) : typedLower;
  const ids = findIds(lower);
  const foundTime = findTime(maskSigninVerbs(ids.text), timeCtx, language);
  const time = screen ? { ...foundTime, range: windowAround(screen.at), shiftDays: undefined } : foundTime;
  const codeBeforeBare = screen?.errorCode ?? ids.errorCode;
  const bare = codeBeforeBare === null ? findBareCode(time.text) : null;
  const errorCode = codeBeforeBare ?? bare?.code ?? null;
  const requestId = screen?.requestId ?? ids.requestId;
  const correlationId = screen?.correlationId ?? ids.correlationId;
  const withoutBareCode = (t: string) => (bare ? mask(t, bare.start, bare.end) : t);
  const signalText = withoutBareCode(ids.text);
  const kind = findCategory(signalText);
  const signals = signalsOf(signalText, kind.category !== null);
  const asks = asksSomething(signals);
  const opened = followUpOpener(withoutBareCode(time.text));
  const wantsSubject = looksForSubject(signals, errorCode, time.range !== null) || opened !== null || screen !== null ||
    requestId !== null || correlationId !== null;

  const app = findApp(maskLike(opened ?? withoutBareCode(time.text), kind.text), original);
  const person = wantsSubject ? findPerson(app.text, original, language) : null;
  const subject = chooseSubject({
    mention: mentioned.index,
    upn: ids.upn,
    objectId: ids.objectId,
    person,
    self: wantsSubject && mentionsSelf(person?.text ?? app.text),
    anyone: wantsSubject && !screen && mentionsAnyone(signalText),
    asks: asks || errorCode !== null,
    pluralEvents: mentionsPluralEvents(signalText),
    // A pasted screen, or a code with an app ("AADSTS50058 while opening Workday"): the asker's own.
    impliedSelf: impliesSelf(signalText) || screen !== null || (errorCode !== null && app.app !== null),
    tenantWide: (asks && (errorCode !== null || app.app !== null)) || correlationId !== null || requestId !== null,
  });
  const intent = decideIntent({
    signals,
    errorCode,
    correlationId,
    requestId,
    subject,
    hasTime: time.range !== null,
    clearName: person !== null && (person.cued || !/\p{L}/u.test(person.text)),
  });
  const changes: Changes = {
    intent,
    subject,
    range: time.range,
    shiftDays: time.shiftDays,
    app: screen?.app ?? app.app,
    errorCode,
    correlationId,
    requestId,
    category: kind.category,
  };

  // "what is the status of those sign-ins?", "how many were failures?": counting the previous answer.
  const countsPrevious = intent === 'count' && time.range === null && changes.app === null &&
    (subject === null || (subject.kind === 'anyone' && !mentionsAnyone(signalText)));
  if (previous && countsPrevious) {
    return mergeWithPrevious(previous, { ...changes, subject: null }, true, language, timeCtx);
  }
  if (previous && !screen && isFollowUp(changes, opened !== null, asks || signals.explain || signals.count)) {
    return mergeWithPrevious(previous, changes, asks || signals.explain || signals.count, language, timeCtx);
  }
  const range = changes.shiftDays !== undefined ? shiftRange(null, changes.shiftDays, timeCtx) : changes.range;
  const answerable = intent !== 'unknown' && intent !== 'help';
  return {
    intent,
    subject: answerable ? subject : null, // "what's the weather like today" names no one
    from: range?.from ?? null,
    to: range?.to ?? null,
    app: changes.app,
    errorCode,
    correlationId,
    requestId,
    category: kind.category,
    language,
  };
}

/** `text` with the places masked in `masked` masked too (both have the same offsets). */
function maskLike(text: string, masked: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += masked[i] === MASK ? MASK : text[i];
  return out;
}

/** "and …", "what about …", "the day before", or a fragment that only names a time, person or app. */
function isFollowUp(c: Changes, opened: boolean, asks: boolean): boolean {
  if (opened || c.shiftDays !== undefined) return true;
  const says = c.subject !== null || c.range !== null || c.app !== null || c.errorCode !== null || c.correlationId !== null ||
    c.requestId !== null || c.category !== null;
  return !asks && c.intent !== 'help' && says;
}
