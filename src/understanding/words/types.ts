/**
 * The vocabulary of one language, as data. The parser merges the lists of all languages for recognising times, intents
 * and apps (people mix languages: "en yesterday?"); only the `notNames` list is used per language, because some words
 * are a name in one language and a function word in the other (English "Ben", Dutch "ben" = am).
 *
 * Phrases are plain lower-case text: a space matches any run of white space, a trailing `*` matches the rest of the
 * word ("fail*" = fail, failed, failing, failures).
 */
import type { FailureCategory } from '../../shared/types';
import type { Platform, TenantAsk } from '../question';
import type { AppWords } from './appWordTypes';
import type { TimeWords } from './timeWordTypes';

export interface IntentWords {
  /** Something went wrong: fail, blocked, locked out, can't … */
  failure: string[];
  /** Every sign-in asked for, the failures named only to say so ("not just the failed ones"): sign-ins. */
  allSignIns: string[];
  /** Asking to look into someone without saying what ("check alice"): failures unless sign-ins are named. */
  troubleshoot: string[];
  /** Sign-in verbs and nouns. They are also removed before looking for times, apps and names. */
  signin: string[];
  /** Sign-in verbs with the preposition glued on ("log into"): sign-in words, but left in place so the app after them is found. */
  signinInto: string[];
  /** Of `signin`: nouns that say neither failed nor succeeded ("attempts"): a follow-up naming only them keeps its intent. */
  neutralEvents: string[];
  /** Asking what a code means. `explainBeforeCode` only counts right before the code ("what is 50126"). */
  explain: string[];
  /** Of `explain`: the words that ask what a code means (not what to do about it). */
  meaning: string[];
  explainBeforeCode: string[];
  help: string[];
  /** Questions about the bot itself ("how does this bot work"); `{bot}` = a `bot` word and any `fillers` ("allemaal"). */
  helpAboutBot: { questions: string[]; bot: string[]; fillers: string[] };
  /** How to use the bot, asked outright ("what should I type", "ik snap niet hoe ik dit moet gebruiken"): help, whatever else is said. */
  usage: string[];
  /** Words for an error code right before the number ("error 50126", "foutcode 50126"). */
  codeLabel: string[];
  /** Labels that name a GUID as a correlation id ("correlation id", "correlatie-id"). */
  correlationLabel: string[];
  /** Labels of a request (trace) id: Graph's signIn.id. */
  requestLabel: string[];
  /** Counting and pattern questions ("how many", "sign-in pattern", "hoe vaak"). */
  count: string[];
  /** Asking for incident alerts: one of these and an `incidentTopic` ("notify this channel about sign-in incidents"). */
  subscribe: string[];
  /** Stopping them ("stop notifying", "stop met melden"): enough on its own. */
  unsubscribe: string[];
  /** What the alerts are about ("incidents", "sign-in problems", "storingen"). */
  incidentTopic: string[];
}

/** Phrases that name a kind of failure; checked in the order of `CATEGORY_ORDER` (src/understanding/category.ts). */
export type CategoryWords = Record<FailureCategory, string[]>;

/** The labels of Microsoft's sign-in error screen ("Troubleshooting details … Request Id: …"). */
export interface ScreenWords {
  /** Lines that open the screen or its details block; the screen runs from the first of these to the end. */
  openers: string[];
  timestampLabel: string[];
  appNameLabel: string[];
  /** Labels that end a one-line "App name: …" value. */
  otherLabels: string[];
  /**
   * A screen whose details were not copied still names its cause in words: "can only be accessed from devices … that meet
   * … compliance policy" is what Conditional Access shows for AADSTS53000 (a compliant device required).
   */
  codeByWording: { wording: string; code: number }[];
}

export interface SubjectWords {
  /** First person: the asker ("I", "my", "ik", "mijn"). */
  self: string[];
  /** First person as subject or owner ("I", "my", "ik", "mijn"; not "me"): a lone lower-case word beside one is not a name. */
  selfAsSubject: string[];
  /** "he", "she", "hij", "zij": someone else is meant, so a lone lower-case word beside "I" may be their name ("im helping nestor, he cant log in"). */
  thirdPerson: string[];
  /** Phrases whose "me" is not the subject ("show me", "laat me … zien"). */
  notSelf: string[];
  /** Someone else, unnamed ("my manager", "mijn collega"): not the asker. */
  someoneElse: string[];
  /** "me" missing but meant: "cant sign in to outlook" with no one named is about the asker. */
  selfWhenNoSubject: string[];
  /** Tenant-wide questions: "who", "anyone", "welke gebruikers". */
  anyone: string[];
  /** Plural nouns that make a question with no one named tenant-wide ("failed logins to the VPN"). */
  pluralEvents: string[];
  /** A list's heading at the start of a message ("blocked by conditional access today"): tenant-wide when no one is named. */
  eventHeadings: string[];
  /** Nouns after a word that make it a group, not a person ("the finance team", "afdeling"). */
  groupNouns: string[];
  /** Words right before a name that make it an organisation, not a person ("a guest from Fabrikam", "gast van Fabrikam"). */
  organisationBefore: string[];
  /** Words right before a name that make it a place, not a person ("at a fair in Madrid", "zit in New York"). */
  placeBefore: string[];
  /** Nouns after a name that make it a person after all ("break in Enrico Cattaneo account"). */
  notPlaceBefore: string[];
  /** Lower-case particles inside names ("Jan de Vries", "Sanne van der Berg"). */
  /** Possessives before a thing someone owns, never before a person ("his Thunderbird", "haar MacBook"). */
  ownersOfThings: string[];
  nameParticles: string[];
  /** Words right before or after a name that make it more likely a name ("for bob", "bob can't"). */
  cuesBefore: string[];
  cuesAfter: string[];
  /** "can someone explain …", "kan iemand even kijken": the someone asked to help, not who the question is about. */
  helperAsked: string[];
  /** Openers of a follow-up about someone or something else ("what about bob?", "en voor jan?"). */
  /** A follow-up said in passing ("has the same", "heeft hetzelfde", "ook even checken"). */
  followUpMarks: string[];
  /** A follow-up said at the end ("Irvin too?", "the weekend as well"). */
  followUpClosers: string[];
  followUpOpeners: string[];
}

/** What shape of answer a question asks for (src/understanding/form.ts). */
export interface FormWords {
  /** A number: "how many", "hoeveel". */
  counting: string[];
  /** Whether something is down for everyone ("is there an outage", "storing"). */
  outage: string[];
  /** A state that means down for everyone ("is Teams down", "ligt Outlook eruit"), unless part of a longer verb (`notOutageAround`). */
  outageStates: string[];
  /** Words right before or after a state word that make it something else ("shut down", "eruit gegooid"). */
  notOutageAround: string[];
  /** A thing's state as a short question with no opener: "Megan locked out?", "Lynne geblokkeerd?", "teams down?". */
  stateQuestions: string[];
  /** Words that may follow the state in such a question: "megan locked out again?", "Lynne weer op slot?". */
  stateQuestionTails: string[];
  /** Phrases around a state word that are no outage ("gooit me steeds eruit", "kicks me out"): removed before looking for states. */
  notOutage: string[];
  /** An outage noun opening a short question asks whether there is one: "storing bij teams?", "outage in outlook?". */
  outageNouns: string[];
  /** Question words: a question that has one is not a yes/no question ("why", "waarom"). */
  questionWords: string[];
  /** Present tense, so about now ("can't", "kan niet") — unlike "couldn't", "kon niet". */
  presentTense: string[];
  /** The first word of a yes/no question ("is my account locked?", "heeft Miriam…"). */
  yesNoOpeners: string[];
  /** Asking whether someone else tried to get in ("did anyone try to get into my account?", "gehackt"). */
  intrusion: string[];
  /** Someone else, trying, an account: all three ask about an intrusion ("could someone have been trying to get into Isaiah's account"). */
  intruders: string[];
  tries: string[];
  accounts: string[];
  /** Openers that ask for something rather than whether ("can you show…", "kun je…"). */
  notYesNo: string[];
  /** "can you check if …", "kun je kijken of …": a yes/no question asked inside a request. */
  askIf: string[];
  /** At the end of a statement with no question word, make it a yes/no question ("…locked or what", "…, toch?"). */
  yesNoTags: string[];
  /**
   * A yes/no question inside a message, typed without "?" ("called twice is she still locked out"): a verb before its
   * subject, then a state. English only: Dutch puts the verb first after any opening word ("sinds maandag is zijn …").
   */
  yesNoInverted: { verbs: string[]; subjects: string[]; between: string[]; states: string[] };
  /** Anywhere in a statement with no question word that ends in "?", make it a yes/no question ("mijn account is toch niet …?"). */
  yesNoParticles: string[];
}

/** Tenant-wide question kinds and narrowing filters (src/understanding/tenantAsk.ts, filters.ts). */
export interface FilterWords {
  /** Phrases that ask for a ranking ("which apps", "top errors"); 'people' and 'locked-now' are decided from the words below. */
  tenantAsks: Record<TenantAsk, string[]>;
  /** "who", "which users", "how many people": the question is about people. */
  peopleWords: string[];
  /**
   * The "which" of `peopleWords` that may have one describing word before the people ("which new hires",
   * "welke nieuwe medewerkers"), and the words that are never that describing word ("which do users …"); `howMany`
   * opens the counting ones ("how many people", "hoeveel mensen"): all of these ask about many people, not the asker.
   */
  whichPeople: { which: string[]; howMany: string[]; notDescribing: string[] };
  /** "right now", "still", "nog steeds": about the present state (who is locked out now). */
  nowWords: string[];
  /** Accounts named by their state ("locked-out users", "vergrendelde accounts"): who is in it now, when no time is named. */
  lockedAccounts: string[];
  /** Before a country: every country but this one ("outside the Netherlands", "buiten Nederland"). */
  outside: string[];
  /** Before a country: this one only ("from Portugal", "uit Portugal"). */
  inside: string[];
  /** Outside the tenant's own country, unnamed ("abroad", "vanuit het buitenland"). */
  abroad: string[];
  /** Coming back from a country: where someone was, not where the sign-ins came from ("back from spain"). */
  returnedBefore: string[];
  platforms: Record<Platform, string[]>;
  /** Before a platform word ("on his phone", "op zijn telefoon"). */
  platformPrefixes: string[];
  /** "the iphone of …", "de iphone van Tom": a device named with its owner after it. */
  /** `afterName`: the Dutch "whose" between a name and the device ("Lars zijn MacBook", "Zoë haar iPhone"). */
  ownedDevice: { articles: string[]; of: string[]; failingVerbs: string[]; afterName: string[] };
  /**
   * A device named as where something came from or who is on it, not the sign-in's platform: the word before it ("the
   * code from my phone", "de code op mijn telefoon") or after it ("on the phone with me", "aan de telefoon met").
   */
  notPlatformBefore: string[];
  /** Asking about people from other organisations ("which guests", "alleen de gasten"): only their sign-ins. Not "guests" in passing. */
  guests: string[];
  /** Words that make a "code" before the platform an error code ("error codes on android" is filtered to Android). */
  errorBeforeCode: string[];
  notPlatformAfter: string[];
  /** Between the prefix and the platform ("his", "de", "mijn"). */
  possessives: string[];
  /** After a platform word, people who use it ("iphone users", "android-gebruikers"). */
  platformPeople: string[];
  /** After a platform word, events on it ("iphone failures", "android-aanmeldingen"): the platform narrows them. */
  platformEvents: string[];
  /** Between the possessive and the device: "on her new iPhone", "op mijn oude telefoon". */
  deviceAdjectives: string[];
}

export interface FollowUpWords {
  /** The whole message asks for the next page ("show more", "meer"). */
  more: string[];
  /** Words around "details of the second one": the asking words and the ordinals. */
  details: string[];
  ordinals: Record<string, number>;
  /** Nouns that may follow an ordinal ("the second one", "de tweede melding"). */
  items: string[];
}

export interface Words {
  /** Common words that mark the language, for detectLanguage. */
  markers: string[];
  /** Chat shorthand and the words it stands for ("rn" → "right now", "ff" → "even"), read before anything else. */
  shorthand: Record<string, string>;
  /** Greetings that open a message ("morning!", "goedemorgen,"): dropped, so "morning" is no time. */
  greetings: string[];
  /** Fillers that open a message like a greeting ("ok so", "quick question:", "vraagje:"), dropped the same way. */
  openingFillers: string[];
  /** "Irvin here from Research,", "Sanne hier van Klantenservice.": the asker's own name, dropped (`after` the name, `from` a team). */
  selfIntroduction: { after: string[]; from: string[] };
  /** Words a question starts with ("who", "waarom"): a greeting before one goes without punctuation ("morning who …"). */
  questionOpeners: string[];
  /** Courtesies that close a message ("thanks", "alvast bedankt"): dropped, so they are no app or name. */
  closings: string[];
  time: TimeWords;
  intent: IntentWords;
  subject: SubjectWords;
  app: AppWords;
  followUp: FollowUpWords;
  category: CategoryWords;
  /**
   * Repetition alone ("over and over", "elke paar minuten"): session trouble only around signing in, and only when
   * nothing names another kind ("locked out over and over" is a lockout).
   */
  repeats: string[];
  /**
   * A change done or a state denied, not a failure: a fix ("after we reset her password", "na de wachtwoordreset"), an
   * update ("since the Authenticator update"), "her password is right". Masked, so it names no kind of failure.
   */
  fixesDone: string[];
  /** Someone not seen online, which says nothing of a failure ("ik zie hem niet online"). */
  seenOffline: string[];
  /**
   * A password said to have expired: the kind of failure whatever else is said ("my password expired and Outlook keeps
   * asking for it", "wachtwoord is verlopen … vraagt steeds om een nieuw wachtwoord").
   */
  passwordExpired: string[];
  screen: ScreenWords;
  form: FormWords;
  filters: FilterWords;
  /** Given names that are also common words ("Will", "May", "Mark"): names only when written with a capital inside a sentence, or before another name. */
  commonWordNames: string[];
  /** Given names that are everyday words in another language (English "Ben", Dutch "Else"): never borrowed as non-names from that language. */
  givenNames: string[];
  /** Shapes of words that are not names when typed in lower case (Dutch participles "aangevraagd", "gezet"), as regular expressions. */
  notNamePatterns: string[];
  /** Words that are never (part of) a person's name in this language, besides the lists above. */
  notNames: string[];
  /** Filler words a `…` in a phrase stands for ("logt … uit": "me", "steeds", "de hele tijd"); single words, never names. */
  gapWords: string[];
}
