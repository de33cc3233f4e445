/**
 * Held-out sets 2 to 14 (test/fixtures/heldout-utterances-N.jsonl): fresh helpdesk and end-user phrasings, English
 * and Dutch, each written by someone who had not read src/understanding/ or the utterance tables, with the parse a
 * person would expect; fields that hang on a convention follow held-out sets 1 and 2 (each writer's notes and the
 * rows they call ambiguous: heldout-utterances-N.notes.md). A row is right when every field of its expected Question
 * matches (heldoutRows.ts); `form` is checked only on the flags the row names.
 *
 * Each set was measured once when written, blind. Sets 2 to 4 were then used for development: the parser was
 * improved against their misses by class, each class with fresh rows of its own in utterances.jsonl, so they no
 * longer measure unseen questions; so were sets 5 to 9, each measured blind first (the figures beside each). Set 10
 * is the blind measure of issue 22's 97 % goal on the final parser. The floors are what each set scores now; a drop
 * below them is a regression.
 */
import { heldOutRows, misses } from './heldoutRows';

const ALL_KINDS = ['tenant', 'yesno', 'person', 'codes', 'ids', 'screen', 'help', 'intrusion', 'fragment'];

const SETS = [
  {
    file: 'heldout-utterances-2.jsonl',
    rows: 100,
    dutch: 40,
    kinds: ['tenant', 'yesno', 'person', 'codes', 'ids', 'help'],
    // Blind when written (0f8a412): en 91.7 %, nl 82.5 %. Its "top error codes" label (failures, tenantAsk top-codes)
    // became the convention for every ranking question.
    floor: { en: 100, nl: 100 },
  },
  // Blind on 97c7490: en 77.5 %, nl 80.0 %.
  { file: 'heldout-utterances-3.jsonl', rows: 160, dutch: 80, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  // Blind on be6802d: en 83.8 %, nl 87.5 %. The three rows still missed have labels that disagree with the
  // utterance tables (notes: "nobody can log in" as no one; "any …?" as yes/no).
  { file: 'heldout-utterances-4.jsonl', rows: 160, dutch: 80, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  // Blind on 97c7490: en 76.7 %, nl 75.0 %; on 191df6f: en 85.0 %, nl 91.7 %. Then improved against by class. The two
  // rows still missed have labels that disagree with sets 1 and 4: "down for everyone" (set 1: subject anyone) and a
  // screen's "App name: Microsoft Teams" (set 4: the app as the screen names it).
  { file: 'heldout-utterances-5.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 96.6, nl: 100 } },
  // Written blind this session by two writers (6a: helpdesk staff typing fast; 6b: end users and admins). Blind on
  // cda7391 (the start of the session): 6a en 66 %, nl 82 %; 6b en 80 %, nl 82 %. Blind on 670cd22: 6a en 70 %,
  // nl 92 %; 6b en 88 %, nl 84 % (en 79 %, nl 88 % over both). Then improved against by class.
  { file: 'heldout-utterances-6a.jsonl', rows: 100, dutch: 50, kinds: ALL_KINDS, floor: { en: 98, nl: 100 } },
  { file: 'heldout-utterances-6b.jsonl', rows: 100, dutch: 50, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  // Written blind this session (a month of a Dutch helpdesk channel, mixed askers). Blind on the parser after set 6's
  // fixes (chat shorthand, slips of the fingers, everyday words): en 93.3 %, nl 91.7 %. Then improved against by class.
  { file: 'heldout-utterances-7.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  // Written blind this session (8a: an admin's and a service desk's week, Dutch speakers' English; 8b: end users and
  // managers describing what they see). Blind on 105c8b9: 8a en 95.0 %, nl 91.7 %; 8b en 86.7 %, nl 78.3 %. Then
  // improved against by class.
  { file: 'heldout-utterances-8a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 96.6, nl: 100 } },
  { file: 'heldout-utterances-8b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 93.3 } },
  // Written blind this session (9a: end users in their own words, and the helpdesk beside them; 9b: a new helpdesk
  // colleague's first weeks). Blind on e5558a5: 9a en 86.7 %, nl 83.3 %; 9b en 88.3 %, nl 88.3 %. Then improved
  // against by class.
  { file: 'heldout-utterances-9a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 96.6 } },
  { file: 'heldout-utterances-9b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 100 } },
  // Written blind this session, measured once on the final parser (c9b5abf) before any look at their rows. 10a: new
  // questions in the spirit of sets 1 and 2 (a product owner's release test): en 98.3 %, nl 98.3 %. 10b: the hardest
  // realistic questions a tester tries on purpose (names that are words, two clauses, noise, ALL CAPS): en 88.3 %,
  // nl 85.0 %. Then 10b was improved against by class (10a's rows still unread; its Dutch rose to 100 % on the way).
  { file: 'heldout-utterances-10a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  { file: 'heldout-utterances-10b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 98.3 } },
  // Written blind this session, measured once on 4ae9bbe before any look at their rows. 11a: again in the spirit of
  // sets 1 and 2: en 96.7 %, nl 93.3 %. 11b: a busy week's mix (fast helpdesk, end users in their own words,
  // admins): en 88.3 %, nl 93.3 %. Then both were improved against by class.
  { file: 'heldout-utterances-11a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  { file: 'heldout-utterances-11b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 96.6, nl: 98.3 } },
  // Written blind this session, measured once on 8df017c before any look at their rows. 12a: in the spirit of sets 1
  // and 2 (a Monday after a password-expiry wave and an MFA outage): en 95.0 %, nl 96.7 %. 12b: the usual mix of
  // askers: en 95.0 %, nl 98.3 %. Then both were improved against by class.
  { file: 'heldout-utterances-12a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 100 } },
  { file: 'heldout-utterances-12b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 100 } },
  // Written blind in the next session, measured once on 6c67fe8 before any look at their rows. 13a: in the spirit of
  // sets 1 and 2 (a Monday after a Conditional Access change and a password spray): en 96.7 %, nl 96.7 %. 13b: real
  // chat at a Dutch company (greetings, "thx", context before the question): en 96.7 %, nl 98.3 %. Then improved
  // against by class. The one row still missed is a label choice: "so far today" runs to now here, to midnight there.
  { file: 'heldout-utterances-13a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  { file: 'heldout-utterances-13b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  // Written blind the same session, both in the spirit of sets 1 and 2, measured once on ef4c438 before any look at
  // their rows. 14a (a phishing wave, Workday single sign-on broken): en 93.3 %, nl 96.7 %. 14b (an MFA registration
  // campaign, leavers, a scanner on legacy auth): en 95.0 %, nl 93.3 %. Then improved against by class. Still missed:
  // "I reset my password an hour ago" after the question gives it a window; "failing every few minutes" reads as
  // session trouble where the writer saw none.
  { file: 'heldout-utterances-14a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 100 } },
  { file: 'heldout-utterances-14b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 100 } },
  // Written blind the next session, measured once on 9825a1f before any look at their rows. 15a (in the spirit of sets
  // 1 and 2: a Monday after travellers were blocked abroad, new hires stuck on MFA): en 96.7 %, nl 96.7 %. 15b (Dutch
  // company chat, English words mixed in, an HR app's single sign-on broken, a password spray overnight): en 90.0 %,
  // nl 91.7 %. Then improved against by class.
  { file: 'heldout-utterances-15a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  { file: 'heldout-utterances-15b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 98.3 } },
  // Written blind the same session, measured once on 37e95f2 before any look at their rows. 16a (in the spirit of sets
  // 1 and 2: partner guests kept out of Teams, Outlook on Android re-prompting, a country blocked on purpose): en 96.7 %,
  // nl 96.7 %. 16b (mostly end users in their own words: a password-reset portal down, number matching, a VPN refusing
  // laptops): en 98.3 %, nl 96.7 %. Then improved against by class.
  { file: 'heldout-utterances-16a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 98.3 } },
  { file: 'heldout-utterances-16b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  // Written blind the same session, measured once on 2278745 before any look at their rows. 17a (in the spirit of sets
  // 1 and 2: a partner's federation certificate expired, sales blocked by a risk policy in the US, an app missing admin
  // consent): en 96.7 %, nl 95.0 %. 17b (a week's mix: helpdesk shorthand, long end-user messages, a team lead, pasted
  // screens with a greeting before them): en 95.0 %, nl 95.0 %. Then improved against by class. Still missed: "is my
  // user account still disabled?" ("my user" reads as a helpdesk's user) and "top codes wk" ("wk" alone as this week).
  { file: 'heldout-utterances-17a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 100 } },
  { file: 'heldout-utterances-17b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 100 } },
  // Written blind the same session, measured once on df584f6 before any look at their rows. 18a (in the spirit of sets
  // 1 and 2: Windows Hello broken by an update, contractors' accounts expired, an MFA prompt approved by mistake):
  // en 96.7 %, nl 98.3 %. 18b (an international office: English from people whose first language it is not, Dutch with
  // English words): en 90.0 %, nl 96.7 %. Then improved against by class ("cannot go in salesforce from this morning":
  // "from" as "since" after a present-tense complaint, the next session).
  { file: 'heldout-utterances-18a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  { file: 'heldout-utterances-18b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  // Written blind the same session, measured once on a77d0a7 before any look at their rows. 19a (in the spirit of sets
  // 1 and 2: holiday sign-ins abroad tripping a risk policy, a failing mailbox service account, an intern's account
  // never enabled): en 93.3 %, nl 96.7 %. 19b (a helpdesk in a hurry: short, lower case, "pw", "accts", follow-up
  // chains): en 95.0 %, nl 98.3 %. Then improved against by class. Still missed: "wordt de hele dag gebombardeerd met
  // MFA-verzoeken" ("de hele dag" as a whole day, where the writer read "all the time").
  { file: 'heldout-utterances-19a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 98.3 } },
  { file: 'heldout-utterances-19b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  // Written blind the same session, measured once on 2830b04 (the session's last parser) and not worked on. 20a (in
  // the spirit of sets 1 and 2: an app's client secret expired, strange sign-in mails, a manager asking about her
  // team): en 100 %, nl 100 %. 20b (a normal morning's mix: helpdesk, end users, a security officer; a password spray,
  // Teams on Android signing out hourly): en 98.3 %, nl 100 % (its miss, "were there attempts to get into …'s
  // account", mended the next session).
  { file: 'heldout-utterances-20a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  { file: 'heldout-utterances-20b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  // Written blind in the next session, all four measured once on 681792c (the previous session's last parser) before
  // any look at their rows. 21a (in the spirit of sets 1 and 2: a compliant-device policy blocking home laptops, guests
  // who cannot redeem invitations, expired passwords after leave): en 95.0 %, nl 95.0 %. 21b (an international office
  // between Christmas and New Year: English from people whose first language it is not, Dutch with English IT words):
  // en 85.0 %, nl 96.7 %. 22a (in the spirit of sets 1 and 2: Authenticator lost on new phones, IMAP refused, a location
  // policy abroad): en 95.0 %, nl 96.7 %. 22b (Dutch company chat and quick English between meetings): en 95.0 %,
  // nl 100 %. Then improved against by class. Still missed: "is salesforce down for everyone or is it just us?" (the
  // writer labels no subject, where set 2 labels "down for everyone" anyone) and a screen "sent from his phone" (the
  // writer reads the phone as how it was sent, not where the sign-in was).
  { file: 'heldout-utterances-21a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 100 } },
  { file: 'heldout-utterances-21b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  { file: 'heldout-utterances-22a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  { file: 'heldout-utterances-22b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 100 } },
  // Written blind the same session, all four measured once on 323a8ba (after sets 21a-22b were worked on) before any
  // look at their rows. 23a (in the spirit of sets 1 and 2: a SAML app broken by a certificate rollover, a sales team at
  // a fair abroad, a temp's account expired): en 98.3 %, nl 98.3 %. 23b (a shared service desk: English from French,
  // Turkish, Brazilian and Chinese colleagues, hasty Dutch): en 88.3 %, nl 98.3 %. 24a (in the spirit of sets 1 and 2:
  // new laptops not compliant, a phished account, a payroll app refusing sign-ins from outside): en 98.3 %, nl 100 %.
  // 24b (end users and managers in their own words, the story first): en 83.3 %, nl 81.7 %. Then improved against by
  // class. Still missed: "confused with the registration mail" (an everyday word and "mail" read as an app), and an
  // assistant asking about her boss's shared calendar ("Patti's assistant … I can't get into her calendar": the writer
  // reads the asker, the parser Patti).
  { file: 'heldout-utterances-23a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  { file: 'heldout-utterances-23b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 100 } },
  { file: 'heldout-utterances-24a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  { file: 'heldout-utterances-24b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 98.3 } },
  // Written blind the same session, all four measured once on f98759a (after sets 23a-24b were worked on) before any
  // look at their rows. 25a (in the spirit of sets 1 and 2: an HR portal's new app registration asking for consent, a
  // password spray overnight, MFA prompts an executive did not start): en 96.7 %, nl 98.3 %. 25b (end users and team
  // leads in their own words after a long weekend): en 95.0 %, nl 98.3 %. 26a (in the spirit of sets 1 and 2: an
  // unmanaged-device policy switched on, partner guests kept out of SharePoint, an admin account locked by a script):
  // en 96.7 %, nl 98.3 %. 26b (a mixed international team typing fast: non-native English, quick Dutch): en 91.7 %,
  // nl 98.3 %. Then improved against by class. Still missed: "anyone still locked out after the spray last night?" (the
  // time dates the spray; set 9b's writer reads "na de wachtwoordreset van vanochtend" as the window), "alleen de
  // vergrendelde accounts" (locked-now where the writer wants who got locked out), "ligt de VPN eruit? niemand kan
  // verbinden" (the second sentence's "niemand" makes it about everyone) and "on Outlook iPhone" (a platform after an
  // app).
  { file: 'heldout-utterances-25a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 98.3 } },
  { file: 'heldout-utterances-25b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  { file: 'heldout-utterances-26a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  { file: 'heldout-utterances-26b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  // Written blind the same session, all four measured once on 537b740 (after sets 25a-26b were worked on) before any
  // look at their rows. 27a (in the spirit of sets 1 and 2: a time-based policy confused by the clock change, sign-ins
  // from Nigeria, an intranet app missing its redirect URI): en 96.7 %, nl 96.7 %. 27b (an outsourced helpdesk: English
  // from Indian, Filipino, Romanian and Portuguese colleagues, Dutch end users with English words): en 86.7 %,
  // nl 98.3 %. 28a (in the spirit of sets 1 and 2: password resets after phishing, a kiosk account locked by a stored
  // password, a Belgian branch blocked by a country policy): en 98.3 %, nl 100 %. 28b (end users and managers in their
  // own words before office hours): en 91.7 %, nl 96.7 %. Then improved against by class. Still missed: a platform
  // right after an app ("teams mobile", "Teams android"), "user not able to login" beside a request id (read as the
  // asker), "wie … ? ik heb al drie tickets" (the asker's "ik" wins over "wie"), "krijgt Contoso Expenses niet open",
  // "in HR" read as an app, and "am I locked out? the password screen keeps coming back" (session beats lockout).
  { file: 'heldout-utterances-27a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  { file: 'heldout-utterances-27b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 100 } },
  { file: 'heldout-utterances-28a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  { file: 'heldout-utterances-28b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 100 } },
  // Written blind the same session, all four measured once on c1cab4e (after sets 27a-28b were worked on) before any
  // look at their rows. 29a (in the spirit of sets 1 and 2: the password-reset portal down, an intern signing in from
  // two countries, an SSO certificate about to expire): en 91.7 %, nl 95.0 %. 29b (an international helpdesk typing
  // fast: non-native English, quick Dutch): en 91.7 %, nl 100 %. 30a (in the spirit of sets 1 and 2: legacy
  // authentication switched off, a board member in Japan, auditors as guests): en 96.7 %, nl 98.3 %. 30b (end users
  // and managers in their own words on a Monday morning): en 91.7 %, nl 95.0 %. Then improved against by class, the
  // last parser change of the session; the rows still missed are listed by HELDOUT_REPORT=1.
  { file: 'heldout-utterances-29a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 98.3 } },
  { file: 'heldout-utterances-29b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 100 } },
  { file: 'heldout-utterances-30a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 100 } },
  { file: 'heldout-utterances-30b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 100 } },
  // Written blind in the next session, all four measured once on 38f28cc (the previous session's last parser) before
  // any look at their rows. 31a (in the spirit of sets 1 and 2: a compliant-device policy on Salesforce, Finance kept
  // out of Contoso Expenses, single sign-on to a legacy portal missing consent): en 98.3 %, nl 100 %. 31b (an
  // international helpdesk: non-native English, quick Dutch): en 95.0 %, nl 95.0 %. 32a (in the spirit of sets 1 and
  // 2: the first Monday after the holidays, passwords expired on leave, Authenticator phones lost, a partner's guests):
  // en 98.3 %, nl 98.3 %. 32b (end users and managers in their own words: long stories, the question last): en 61.7 %,
  // nl 73.3 %. Then improved against by class.
  { file: 'heldout-utterances-31a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  { file: 'heldout-utterances-31b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 96.6, nl: 100 } },
  { file: 'heldout-utterances-32a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  { file: 'heldout-utterances-32b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 85, nl: 93.3 } },
  // Written blind the same session, all four measured once on 8409b51 (after sets 31a-32b were worked on) before any
  // look at their rows. 33a (in the spirit of sets 1 and 2: a leaked password list, then a spray, lockouts and a risk
  // policy; a new starter who cannot register MFA; an expired certificate on Contoso Expenses): en 93.3 %, nl 100 %.
  // 33b (an international helpdesk: non-native English, quick Dutch): en 93.3 %, nl 100 %. 34a (in the spirit of sets
  // 1 and 2: a country block that cut off Belgium and Ireland, MFA fatigue, a lockout by an old phone): en 95.0 %,
  // nl 96.7 %. 34b (end users' long stories; its writer lists over 50 rows as ambiguous, mostly story times and kinds
  // of failure named in passing): en 51.7 %, nl 70.0 %. Then improved against by class.
  { file: 'heldout-utterances-33a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 100 } },
  { file: 'heldout-utterances-33b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 100 } },
  { file: 'heldout-utterances-34a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 98.3 } },
  { file: 'heldout-utterances-34b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 63.3, nl: 78.3 } },
  // Written blind the next session, all four measured once on 23aeef3 and again on 07762d5 (mends from the list of
  // misses left open, made while they were being written) before any look at their rows; the same figures both
  // times. 35a (in the spirit of sets 1 and 2: a sign-in frequency policy logging people out, travel in Asia, admin
  // consent revoked for Salesforce): en 88.3 %, nl 98.3 %. 35b (in the spirit of sets 1 and 2: a passwordless rollout,
  // a partner's guest locked out of SharePoint, a spray from Vietnam and Brazil): en 91.7 %, nl 98.3 %. 36a (in the
  // spirit of sets 1 and 2: a broken redirect URL, a named-location list that blocks Belgium, Ireland and Italy, a
  // manager disabled by mistake): en 100 %, nl 100 %. 36b (an international helpdesk: German, French, Turkish,
  // Filipino and Vietnamese English, quick Dutch): en 86.7 %, nl 91.7 %. Then improved against by class.
  { file: 'heldout-utterances-35a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 100 } },
  { file: 'heldout-utterances-35b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 100 } },
  { file: 'heldout-utterances-36a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  { file: 'heldout-utterances-36b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  // Written blind the same session, all four in the spirit of sets 1 and 2, measured once on 36441cb (after sets
  // 35a-36b were worked on) before any look at their rows. 37a (a compliant-device policy for Sales, a password sync
  // that stopped, a contractor disabled by mistake): en 100 %, nl 100 %. 37b (the first Monday after the summer:
  // expired passwords, new phones, a country policy blocking travellers, an expired SSO certificate): en 75.0 %,
  // nl 86.7 %. 38a (an MFA registration campaign, a VPN that stopped accepting sign-ins, a phished account): en 95.0 %,
  // nl 100 %. 38b (legacy authentication switched off, a supplier's guest, kiosk lockouts): en 95.0 %, nl 90.0 %.
  // Then improved against by class.
  { file: 'heldout-utterances-37a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  { file: 'heldout-utterances-37b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 93.3, nl: 93.3 } },
  { file: 'heldout-utterances-38a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 100 } },
  { file: 'heldout-utterances-38b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 98.3 } },
  // Written blind the same way, all four in the spirit of sets 1 and 2, measured once on ee62114 before any look at
  // their rows. 39a (a new admin policy blocking IT from the Azure portal, passwords expired over a weekend, a shared
  // mailbox): en 98.3 %, nl 100 %. 39b (the last day of a quarter: sales abroad blocked by a country policy, a finance
  // app's certificate, MFA prompts nobody started): en 96.7 %, nl 98.3 %. 40a (an overnight spray, Finance blocked
  // from Contoso Expenses, an intern never enabled): en 95.0 %, nl 90.0 %. 40b (before the Christmas break: an app
  // registration deleted by mistake, a device policy for home workers, a locked service account): en 95.0 %, nl 100 %.
  // Then improved against by class. Still missed: "vannacht" read as 18:00-06:00 (sets 7 and 15b read 00:00-06:00).
  { file: 'heldout-utterances-39a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  { file: 'heldout-utterances-39b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  { file: 'heldout-utterances-40a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 93.3 } },
  { file: 'heldout-utterances-40b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 100 } },
  // Written blind the same way, all four in the spirit of sets 1 and 2, measured once on a0d6fa6 (after 39a-40b were
  // worked on) before any look at their rows. 41a (the Monday after the clocks changed: sales blocked in Poland,
  // Finance blocked from Contoso Expenses, a password reset on the wrong person): en 100 %, nl 93.3 %. 41b (an early
  // summer morning: an overnight spray, an intern's MFA registration, consent revoked): en 91.7 %, nl 93.3 %. 42a
  // (after a long weekend: a risky sign-in policy, SharePoint for a department, a leaver still trying): en 90.0 %,
  // nl 96.7 %. 42b (the morning after a tenant change: number matching, the allowed-countries list, a partner's guest):
  // en 96.7 %, nl 96.7 %. Then improved against by class.
  { file: 'heldout-utterances-41a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 98.3 } },
  { file: 'heldout-utterances-41b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 100, nl: 98.3 } },
  { file: 'heldout-utterances-42a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 95, nl: 98.3 } },
  { file: 'heldout-utterances-42b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 98.3, nl: 98.3 } },
  // Written blind the same way in the spirit of sets 1 and 2, measured once on c125638 before any look at their rows.
  // 43a (new starters' Temporary Access Passes expired, a sign-in frequency change logging people out, a VPN upgrade):
  // en 91.7 %, nl 98.3 %. 43b (interns without licences, a privileged role activation failing, people blocked outside
  // the EU): en 90.0 %, nl 95.0 %. Then improved against by class, in the last hour of a session only.
  { file: 'heldout-utterances-43a.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 95, nl: 98.3 } },
  { file: 'heldout-utterances-43b.jsonl', rows: 120, dutch: 60, kinds: ALL_KINDS, floor: { en: 91.6, nl: 95 } },
] as const;

describe.each(SETS)('held-out utterances, $file', (set) => {
  const rows = heldOutRows(set.file);

  it('has the rows it was written with, in both languages and of every kind', () => {
    expect(rows.length).toBe(set.rows);
    expect(rows.filter((r) => r.expected.language === 'nl').length).toBe(set.dutch);
    const kinds = new Set(rows.map((r) => r.kind));
    for (const kind of set.kinds) expect(kinds).toContain(kind);
  });

  it.each(['en', 'nl'] as const)('the %s rows parse right at least as often as when last measured', (language) => {
    const mine = rows.filter((r) => r.expected.language === language);
    const wrong = mine.map((r) => ({ text: r.text.slice(0, 80), misses: misses(r) })).filter((r) => r.misses.length);
    const right = (100 * (mine.length - wrong.length)) / mine.length;
    if (process.env.HELDOUT_REPORT)
      console.log(`${set.file} ${language}: ${right.toFixed(1)} % of ${mine.length}`, wrong);
    expect(right >= set.floor[language] ? [] : wrong).toEqual([]);
  });
});
