/**
 * parse(text, ctx) → Question. Each step masks what it understood, so later steps never see it:
 *
 *   clean HTML → mentions → chat shorthand and typos → "show more"/"details" commands → ids (GUID, UPN, labelled error code)
 *   → times (sign-in verbs masked first) → bare error codes → signal words → app → person
 *   → subject → intent → merge with the previous question when this is a follow-up.
 *
 * Callers run `cleanText` first to answer "too long" and to ignore empty card submits; `parse`
 * cleans again (it is idempotent) and returns intent 'unknown' for such text.
 */
import { findFixRequest } from './fixWords';
import { appBesidePerson, findApp } from './appName';
import { findCategory, maskFixesDone, questionCategory } from './category';
import { findErrorScreen } from './errorScreen';
import { findFilters } from './filters';
import { NO_FORM, findForm, maskYesNoTag, outageClauses, outageSentences } from './form';
import { cleanText } from './clean';
import { withBackground } from './background';
import { askersWords, normaliseChat, typedBeforeScreen } from './chatWords';
import { isShouted, lowerSameLength, quieted, withTypedCase } from './letterCase';
import { Changes, contextOf, findFollowUp, freshQuestion, mergeWithPrevious } from './followUp';
import { findBareCode, findIds } from './ids';
import { asksSomething, decideIntent, looksForSubject, maskSigninVerbs, rankingIntent, signalsOf } from './intent';
import { detectLanguage, languageOfLocale } from './language';
import { isValidTimeZone } from './calendar';
import { takeMentions } from './mentions';
import { MASK, mask } from './phrases';
import type { ParseContext, Question } from './question';
import type { Language } from '../shared/types';
import { chooseSubject } from './chooseSubject';
import { findPerson } from './subject';
import {
  explainedFor,
  followUpOpener,
  impliesSelf,
  mentionsAnyone,
  mentionsPluralEvents,
  mentionsSelf,
  namePlace,
} from './subjectWords';
import { asksWhichPeople, decideTenantAsk, findRanking } from './tenantAsk';
import { findTime, shiftRange } from './timeRange';
import { findTimestamp } from './timestamps';
import { subscriptionIntent } from './subscription';

const FALLBACK_TIME_ZONE = 'UTC';
/** "what does 50053 mean for me": the asker's own, unlike "explain 50034 to me". */
const FOR_ME = /(?<![\p{L}])(?:for me|voor mij|voor me)(?![\p{L}])/u;

function emptyQuestion(language: Language): Question {
  return {
    intent: 'unknown',
    subject: null,
    from: null,
    to: null,
    app: null,
    errorCode: null,
    correlationId: null,
    requestId: null,
    category: null,
    language,
    form: NO_FORM,
    tenantAsk: null,
    country: null,
    platform: null,
    guests: false,
    idUnlabelled: false,
    context: 'fresh',
  };
}

/** The question `text` asks: in capitals, read as if in lower case (letterCase.ts); after background (background.ts). */
export function parse(text: string, ctx: ParseContext): Question {
  const read = (t: string) => (isShouted(t) ? withTypedCase(parseTyped(quieted(t), ctx), t) : parseTyped(t, ctx));
  return withBackground(text, read) ?? read(text);
}

function parseTyped(text: string, ctx: ParseContext): Question {
  const timeCtx = { now: ctx.now, timeZone: isValidTimeZone(ctx.timeZone) ? ctx.timeZone : FALLBACK_TIME_ZONE };
  const previous = ctx.previous;
  const cleaned = cleanText(text);
  if (!cleaned.ok) return emptyQuestion(languageOfLocale(ctx.locale) ?? previous?.language ?? 'en');

  const mentioned = takeMentions(cleaned.text, ctx.mentions ?? []);
  // "Zoë krijgt deze melding, wat moet ik doen?" above an English screen: the asker's words decide the language.
  const asked = askersWords(mentioned.text);
  const language = detectLanguage(
    /\p{L}{2,}.*\s\p{L}{2,}/u.test(asked) ? asked : mentioned.text,
    ctx.locale,
    previous?.language,
  );
  const typed = normaliseChat(mentioned.text, language);
  const typedLower = lowerSameLength(typed);

  const subscription = subscriptionIntent(typedLower);
  if (subscription) return { ...emptyQuestion(language), intent: subscription };

  // "unlock Megan's account", "ontgrendel Megan": a fix for one person, whose sign-ins are not read. Not a screen's words.
  const fixRequest = typedBeforeScreen(typed) === typed ? findFixRequest(typed, typedLower, mentioned.index) : null;
  if (fixRequest)
    return { ...emptyQuestion(language), intent: 'failures', subject: fixRequest.subject, fixAsked: fixRequest.fix };

  const command = findFollowUp(typedLower);
  if (command)
    return {
      ...(previous ?? emptyQuestion(language)),
      language,
      form: findForm(typedLower, language),
      context: 'continued',
      followUp: command,
    };

  // A pasted error screen is taken out first: its ids, code, time and app are facts, and none of its words is a name.
  // Sign-in verbs are masked before times and apps: the "in" of "sign in" is neither "in the last hour" nor "in Teams".
  // Signal words are read from the text with the verbs still there.
  const stampCtx = { timeZone: timeCtx.timeZone, locale: ctx.locale };
  const screen = findErrorScreen(typedLower, typed, stampCtx);
  const original = screen ? typed.slice(0, screen.start) : typed; // as typed; every later text keeps its offsets
  const lower = screen ? typedLower.slice(0, screen.start) : typedLower;
  const form = findForm(lower, language);
  const ids = findIds(lower);
  const stamp = screen ? null : findTimestamp(ids.text, stampCtx);
  const idsText = stamp ? mask(ids.text, stamp.start, stamp.end) : ids.text;
  const foundTime = findTime(maskSigninVerbs(idsText), timeCtx, language);
  const pasted = screen ? screen.window : stamp?.window;
  const time = pasted ? { ...foundTime, range: pasted, shiftDays: undefined } : foundTime;
  const codeBeforeBare = screen?.errorCode ?? ids.errorCode;
  const bare = codeBeforeBare === null ? findBareCode(time.text) : null;
  const errorCode = codeBeforeBare ?? bare?.code ?? null;
  const requestId = screen?.requestId ?? ids.requestId;
  const correlationId = screen?.correlationId ?? ids.correlationId;
  const withoutBareCode = (t: string) => (bare ? mask(t, bare.start, bare.end) : t);
  const signalText = maskYesNoTag(maskFixesDone(withoutBareCode(idsText)));
  const kind = findCategory(signalText);
  // "is there an outage? half of Finance got logged out": an outage is of the kind its own sentences name, if any.
  const named = form.outage ? findCategory(outageSentences(signalText, language)).category : kind.category;
  const category = questionCategory(named, signalText, screen !== null || errorCode !== null, form);
  const signals = signalsOf(signalText, kind.category !== null);
  const asks = asksSomething(signals) || form.intrusion;
  const filters = findFilters(maskLike(withoutBareCode(time.text), kind.text), original);
  const ranking = findRanking(filters.text);
  // ("only iPhone attempts": the opener may have gone with the platform it introduced.)
  const opened = followUpOpener(ranking.text) ?? (followUpOpener(time.text) !== null ? ranking.text : null);
  const wantsSubject =
    looksForSubject(signals, errorCode, time.range !== null) ||
    opened !== null ||
    screen !== null ||
    ranking.ranking !== null ||
    requestId !== null ||
    correlationId !== null ||
    filters.country !== null ||
    filters.platform !== null ||
    form.intrusion ||
    form.outage;

  const app = findApp(opened ?? ranking.text, original);
  // The asker's words before a pasted screen are in their own language, whatever the screen's.
  const nameLanguage =
    screen && /\p{L}/u.test(original) ? detectLanguage(original, ctx.locale, previous?.language) : language;
  const person = wantsSubject ? findPerson(app.text, original, nameLanguage) : null;
  // An outage's own sentences say who it is about ("is er een storing? ik hoor het van collega's": no one in particular).
  const outageOnly = (text: string) => (form.outage ? outageSentences(text, language) : text);
  const asking = form.outage ? outageClauses(signalText, language) : signalText;
  const found = chooseSubject({
    mention: mentioned.index,
    upn: ids.upn,
    objectId: ids.objectId,
    person,
    // "Zoë vraagt wat dit betekent: <screen>": a name before a screen is whose it is, even when its code is asked about.
    explainsCode: signals.explain && errorCode !== null && !screen,
    self:
      wantsSubject &&
      !ids.relayed &&
      // ("look up request … for me", "explain error 50034 to me": the object "me" names no subject.)
      mentionsSelf(
        outageOnly(person?.text ?? app.text),
        requestId !== null || correlationId !== null || (signals.explain && !FOR_ME.test(signalText)),
      ),
    // "is somebody brute forcing grady archie?": the somebody of an intrusion is the intruder, not the subject.
    anyone:
      wantsSubject &&
      !screen &&
      !(form.intrusion && person?.person) &&
      (mentionsAnyone(asking) || ranking.ranking !== null),
    many: ranking.ranking !== null || asksWhichPeople(asking),
    ...namePlace(person?.person, original, form.intrusion),
    asks: asks || errorCode !== null,
    // "alleen de MFA-fouten" after a question about Grant: still Grant's.
    pluralEvents: mentionsPluralEvents(asking) && opened === null,
    // A pasted screen (not its id lines alone) or a code with an app ("AADSTS50058 in Workday"), unless in an outage.
    impliedSelf:
      (impliesSelf(signalText) && !form.outage) ||
      (screen?.errorCode ?? screen?.window ?? null) !== null ||
      (errorCode !== null && app.app !== null),
    // "is Teams down?", "is there a Teams outage?": no one named; the answer decides (everyone for a reader, else the asker).
    // ("and in Teams also same problem": a follow-up's app keeps the previous subject.)
    tenantWide:
      (asks &&
        !form.outage &&
        opened === null &&
        (errorCode !== null || app.app !== null || ranking.ranking !== null)) ||
      correlationId !== null ||
      requestId !== null,
  });
  const decided = decideIntent({
    signals,
    errorCode,
    correlationId,
    requestId,
    subject: found,
    hasTime: time.range !== null,
    hasApp: app.app !== null,
    clearName: person !== null && (person.cued || !/\p{L}/u.test(person.text)),
  });
  // "did anyone try to get into my account?": others' failed attempts, whatever verb was used. A pasted screen (even
  // a lone "Timestamp: …" line, or after "what does this mean?") is a sign-in to look up; its answer explains the code.
  const intent =
    (form.intrusion || form.outage || screen) &&
    ['signins', 'unknown', 'help', ...(screen ? ['explain'] : [])].includes(decided)
      ? 'failures'
      : ranking.ranking !== null
        ? rankingIntent(decided, form.counting, found?.kind === 'person')
        : decided; // "which code did Megan get?"
  const subject = intent === 'explain' ? explainedFor(found, signalText) : found;
  const tenantAsk = decideTenantAsk({
    ranking: ranking.ranking,
    subject,
    category,
    hasTime: time.range !== null,
    // "which iphone users …" asks "which users": the platform word is a filter.
    text: filters.platformBeforePeople
      ? signalText.slice(0, filters.platformBeforePeople.start) + signalText.slice(filters.platformBeforePeople.end)
      : signalText,
  });
  const changes: Changes = {
    intent,
    subject,
    range: tenantAsk === 'locked-now' ? null : time.range, // ("still locked out after last night's attack?": now)
    shiftDays: time.shiftDays,
    app: screen?.app ?? app.app ?? (person ? appBesidePerson(app, person.text, original) : null),
    errorCode,
    correlationId,
    requestId,
    category,
    form,
    tenantAsk,
    country: filters.country,
    platform: filters.platform,
    guests: filters.guests,
    idUnlabelled: !screen && ids.unlabelled && requestId === ids.requestId,
  };

  const context = contextOf(previous, {
    intent,
    opened: opened !== null,
    shifts: changes.shiftDays !== undefined,
    namesTime: time.range !== null,
    // A labelled code ("Foutmelding AADSTS700016 bij …") or an intrusion question is a question of its own.
    asks: asks || signals.explain || signals.count || ids.errorCode !== null || form.intrusion,
    says:
      subject !== null ||
      time.range !== null ||
      changes.app !== null ||
      errorCode !== null ||
      correlationId !== null ||
      requestId !== null ||
      kind.category !== null ||
      filters.country !== null ||
      filters.platform !== null,
    screen: screen !== null,
    signInId: requestId !== null || correlationId !== null,
    outage: form.outage,
    tenantAsk: tenantAsk !== null || ranking.ranking !== null,
    // "what is the status of those sign-ins?", "how many were failures?": counting the previous answer.
    countsPrevious:
      intent === 'count' &&
      changes.app === null &&
      (subject === null || (subject.kind === 'anyone' && !mentionsAnyone(signalText))),
  });
  if (previous && context === 'counts-previous') {
    return mergeWithPrevious(previous, { ...changes, subject: null }, true, language, timeCtx);
  }
  if (previous && context === 'fragment') {
    const onlyNeutral = signals.onlyNeutralEvents && !signals.failure && !signals.troubleshoot && !form.intrusion;
    const asksAgain = (asks && !onlyNeutral) || signals.explain || signals.count;
    return mergeWithPrevious(previous, changes, asksAgain, language, timeCtx);
  }
  return freshQuestion(
    changes,
    changes.shiftDays !== undefined ? shiftRange(null, changes.shiftDays, timeCtx) : changes.range,
    language,
  );
}

/** `text` with the places masked in `masked` masked too (both have the same offsets). */
function maskLike(text: string, masked: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += masked[i] === MASK ? MASK : text[i];
  return out;
}
