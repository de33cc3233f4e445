/**
 * Narrowing filters a question names beside its subject: a country ("from Portugal", "outside the
 * Netherlands", "vanuit het buitenland") and a device platform ("on his phone", "op haar iPhone").
 * Found before apps and names and masked, so "Netherlands" is never a person nor "iPhone" an app.
 */
import type { CountryFilter, Platform } from './question';
import { maskKeepingSelf } from './category';
import { END, START, alternation, mask, wordsRegex } from './phrases';
import { everydayWords, merged, mergedRecord } from './words';
import { countryCodes } from './words/countries';
import { knownApps } from './words/apps';
import { questionSentences } from './questionClauses';

const ARTICLE = '(?:(?:the|het|de)\\s+)?';
const COUNTRY_NAMES = alternation(Object.keys(countryCodes));
const OUTSIDE = alternation(merged((w) => w.filters.outside));
const INSIDE = alternation(merged((w) => w.filters.inside));
const COUNTRY = new RegExp(`${START}(?:(${OUTSIDE})|(${INSIDE}))\\s+${ARTICLE}(${COUNTRY_NAMES})${END}`, 'u');
const FRAGMENT_FILLERS = ['just', 'ok', 'okay', 'oké', 'oke', 'so', 'enkel'];
const FOLLOW_UP_COUNTRY = new RegExp(
  `^[\\s\\p{P}]*(?:${alternation([...merged((w) => w.subject.followUpOpeners), ...FRAGMENT_FILLERS])}[\\s,]+)*(?:(?:the|het)\\s+)?(${COUNTRY_NAMES})[\\s?!.]*$`,
  'u',
);
const ABROAD = new RegExp(`${START}${alternation(merged((w) => w.filters.abroad))}${END}`, 'u');

const PLATFORM_OF = new Map<string, Platform>(
  Object.entries(
    mergedRecord((w) =>
      Object.fromEntries(
        Object.entries(w.filters.platforms).flatMap(([platform, words]) => words.map((word) => [word, platform])),
      ),
    ),
  ) as Array<[string, Platform]>,
);
/** Read on the text as typed: the word before may already be masked as part of a category ("type the code"). */
const NOT_PLATFORM_BEFORE = new RegExp(
  `${START}(?<!${alternation(merged((w) => w.filters.errorBeforeCode))}\\s+)` +
    `${alternation(merged((w) => w.filters.notPlatformBefore))}\\s+$`,
  'u',
);
const NOT_PLATFORM_AFTER = `(?!\\s+${alternation(merged((w) => w.filters.notPlatformAfter))}${END})`;
/** "on her new iPhone", "op mijn oude telefoon": after an owner only ("op de oude iPad" is where it happened). */
const OWNER_WORDS = merged((w) => w.filters.possessives).filter((p) => !merged((w) => w.app.articles).includes(p));
const DEVICE_ADJECTIVE = `(?:(?<=${START}${alternation(OWNER_WORDS)}\\s+)${alternation(merged((w) => w.filters.deviceAdjectives))}\\s+)?`;
const PLATFORM = new RegExp(
  `${START}${alternation(merged((w) => w.filters.platformPrefixes))}\\s+(?:${alternation(merged((w) => w.filters.possessives))}\\s+)?${DEVICE_ADJECTIVE}` +
    `(${alternation([...PLATFORM_OF.keys()])})${END}${NOT_PLATFORM_AFTER}`,
  'u',
);

/** "Debra's iPhone keeps failing", "de iPhone van Tom": a person's own device, named as the one failing. */
const PLATFORM_WORD = `(${alternation([...PLATFORM_OF.keys()])})${END}`;
const OWNED_PLATFORM = [
  new RegExp(`(?<=\\p{L}['’]s\\s+)${PLATFORM_WORD}`, 'u'),
  new RegExp(
    `${START}${alternation(merged((w) => w.filters.ownedDevice.articles))}\\s+${PLATFORM_WORD}` +
      `(?=\\s+${alternation(merged((w) => w.filters.ownedDevice.of))}\\s+\\p{L})`,
    'u',
  ),
  // "why won't my iPad let me sign in", "mijn iPhone weigert": the device is what fails (not "my phone keeps asking").
  new RegExp(
    `${START}${alternation(merged((w) => w.filters.possessives))}\\s+${PLATFORM_WORD}` +
      `(?=\\s+${alternation(merged((w) => w.filters.ownedDevice.failingVerbs))}${END})`,
    'u',
  ),
  // "waarom wil mijn iPhone niet inloggen": the verb before it.
  new RegExp(
    `(?<=${START}${alternation(merged((w) => w.filters.ownedDevice.failingVerbs))}\\s+` +
      `${alternation(merged((w) => w.filters.possessives))}\\s+)${PLATFORM_WORD}`,
    'u',
  ),
  // "Teams android keeps logging her out", "on Outlook iPhone": the app's client on that device (the app stays).
  new RegExp(`(?<=${START}${alternation(knownApps)}\\s+)${PLATFORM_WORD}`, 'u'),
];

/** "Zoë Janssen haar MacBook is niet compliant": whose device, after a name (`OWNER`: typed with a capital or no word). */
const NAME_THEN_DEVICE = new RegExp(
  `(?<=\\p{L}\\s+${alternation(merged((w) => w.filters.ownedDevice.afterName))}\\s+)${PLATFORM_WORD}`,
  'u',
);
const OWNER = /(\p{L}+)\s+\S+\s+$/u;
const NOT_NAMES = new Set(merged((w) => w.notNames));
const isOwner = (before: string) => {
  const owner = OWNER.exec(before)?.[1];
  const word = owner?.toLowerCase() ?? '';
  return owner !== undefined && !NOT_NAMES.has(word) && (/^\p{Lu}/u.test(owner) || !everydayWords.has(word));
};

/** An owned device, read on the text as typed (the verb after it may be part of a category: "keeps asking"). */
function ownedDevice(text: string, original: string): RegExpExecArray | null {
  const typed = original.toLowerCase();
  const named = NAME_THEN_DEVICE.exec(typed);
  const afterName = named && isOwner(original.slice(0, named.index)) ? named : null;
  for (const m of [...OWNED_PLATFORM.map((regex) => regex.exec(typed)), afterName]) {
    if (m && text.slice(m.index, m.index + m[0].length) === m[0]) return m;
  }
  return null;
}

/**
 * "what about his iphone then", "en haar telefoon?": a follow-up that names only a device asks about that platform;
 * after a filler only, nothing may follow but a courtesy ("just android please", not "ok so phones keep ringing").
 */
const FOLLOW_UP_PLATFORM = new RegExp(
  `^[\\s\\p{P}]*(?:(?:${alternation(merged((w) => w.subject.followUpOpeners))}[\\s,]+)+` +
    `|(?:${alternation(FRAGMENT_FILLERS)}[\\s,]+)+(?=\\S+[\\s?!.]*(?:${alternation(merged((w) => w.closings))}[\\s?!.]*)?$))` +
    `(?:${alternation(merged((w) => w.filters.possessives))}\\s+)?` +
    `(${alternation([...PLATFORM_OF.keys()])})${END}`,
  'u',
);

const GUESTS = wordsRegex(merged((w) => w.filters.guests));
/** "iphone users", "android-gebruikers": the platform word, when a word for its users follows. */
const PLATFORM_PEOPLE = new RegExp(
  `${START}(${alternation([...PLATFORM_OF.keys()])})[\\s-]+(?=${alternation(merged((w) => [...w.filters.platformPeople, ...w.filters.platformEvents]))}${END})`,
  'u',
);

export interface FilterFinding {
  country: CountryFilter | null;
  platform: Platform | null;
  /** "which guests", "welke gasten": the word is left in place (it also says who is asked about). */
  guests: boolean;
  /** The text with what was found masked. */
  text: string;
  /** "iphone users": where the platform word stood before the word for people (cut out, "which users" remains). */
  platformBeforePeople: { start: number; end: number } | null;
}

/** Where someone is, in place words that also start a name's place ("in", "te"). */
/** "after coming back from spain", "terug uit Spanje": where someone was. */
const RETURNED_BEFORE = new RegExp(`${START}${alternation(merged((w) => w.filters.returnedBefore))}\\s+$`, 'u');
const WHERE_SOMEONE_IS = new Set(merged((w) => w.subject.placeBefore).filter((p) => !p.includes(' ')));

/**
 * Where someone is or was, not where the sign-ins came from: "after coming back from spain" anywhere; "Patti zit deze
 * week in Japan. waarom krijgt ze steeds MFA-verzoeken?", "he's on the sales trip in asia. any idea why?" when told
 * outside the question (the prompts may well come from elsewhere). Asked about ("failures in asia?", "did he sign in
 * from Japan?") a country is a filter.
 */
function placeInStory(named: RegExpExecArray, lower: string): boolean {
  if (named[1] === undefined && RETURNED_BEFORE.test(lower.slice(0, named.index))) return true;
  if (named[1] !== undefined || !WHERE_SOMEONE_IS.has(named[2])) return false;
  const questions = questionSentences(lower);
  return questions.length > 0 && !questions.some((q) => q.includes(named[0]));
}

/** Country and platform in `lower` (masked text, same offsets as `original`). */
export function findFilters(lower: string, original: string): FilterFinding {
  let text = lower;
  let country: CountryFilter | null = null;
  let named = COUNTRY.exec(text);
  while (named && placeInStory(named, lower)) {
    text = mask(text, named.index, named.index + named[0].length);
    named = COUNTRY.exec(text);
  }
  if (named) {
    const nameStart = named.index + named[0].length - named[3].length;
    country = {
      name: original.slice(nameStart, named.index + named[0].length),
      code: countryCodes[named[3]] || null,
      outside: named[1] !== undefined,
    };
    text = mask(text, named.index, named.index + named[0].length);
  } else if (FOLLOW_UP_COUNTRY.test(text)) {
    // "ok and just Germany?", "oké, en alleen Duitsland?": a follow-up that names only a country narrows to it.
    const bare = FOLLOW_UP_COUNTRY.exec(text)!;
    const nameStart = bare.index + bare[0].indexOf(bare[1]);
    country = {
      name: original.slice(nameStart, nameStart + bare[1].length),
      code: countryCodes[bare[1]] || null,
      outside: false,
    };
    text = mask(text, nameStart, nameStart + bare[1].length);
  } else {
    const abroad = ABROAD.exec(text);
    if (abroad) {
      country = { name: null, code: null, outside: true };
      text = mask(text, abroad.index, abroad.index + abroad[0].length);
    }
  }
  const onDevice = PLATFORM.exec(text);
  const prefixed =
    onDevice && !NOT_PLATFORM_BEFORE.test(original.slice(0, onDevice.index).toLowerCase())
      ? onDevice
      : (FOLLOW_UP_PLATFORM.exec(text) ?? ownedDevice(text, original));
  const users = prefixed ? null : PLATFORM_PEOPLE.exec(text);
  const device = prefixed ?? users;
  const platform = device ? (PLATFORM_OF.get(device[1].replace(/\s+/g, ' ')) ?? null) : null;
  // "Teams on my phone just spins": the device is masked, the asker's "my" stays for the subject.
  if (device) text = maskKeepingSelf(text, device.index, device[0]);
  return {
    country,
    platform,
    guests: GUESTS.test(original.toLowerCase()),
    text,
    platformBeforePeople: users ? { start: users.index, end: users.index + users[0].length } : null,
  };
}
