/**
 * Asking the bot to fix something, in words (issue 21): per fix, the phrases that ask for it, as
 * regular expressions over the lower-cased text (English and Dutch together: people mix them), and
 * the words that are not part of the person's name when it is taken from what is left.
 */
import type { FixAsked } from '../question';

/** Checked in this order: the first that matches is the fix asked for. */
export const FIX_PHRASES: [FixAsked, RegExp][] = [
  [
    'temporaryAccessPass',
    /\btemporary access pass\b|\btap\b|\btijdelijke toegangspas\b|\b(?:reset|herstel)\w* (?:the |de |het )?mfa\b|\bmfa\b.*\b(?:reset\w*|herstellen)\b|\blost (?:her|his|their) phone\b/,
  ],
  [
    'revokeSessions',
    /\brevoke\b|\bsign \S+ out everywhere\b|\bsessies?\b.*\b(?:intrekken|beëindigen|beeindigen)\b|\btrek\b.*\bsessies\b.*\bin\b/,
  ],
  [
    'requirePasswordChange',
    /\b(?:force|require|make)\b.*\b(?:password|passwd)\b.*\bchange\b|\b(?:force|require|make)\b.*\bchange\b.*\b(?:password|passwd)\b|\b(?:force|require)\b.*\bnew password\b|\bnieuw wachtwoord\b.*\b(?:verplicht|afdwingen|eisen)\b|\bwachtwoord\b.*\b(?:wijzigen|veranderen)\b.*\b(?:verplicht\w*|afdwingen)\b/,
  ],
  [
    'enableAccount',
    /\b(?:re-?enable|enable|reactivate)\b.*\baccount\b|\baccount\b.*\b(?:inschakelen|activeren|heractiveren)\b|\bschakel\b.*\baccount\b.*\bin\b/,
  ],
  ['unlock', /\bunlock\b|\bontgrendel\w*\b|\bdeblokkeer\w*\b|\bvrijgeven\b/],
];

/** Words around a fix request that are no part of a name ("can you unlock Megan's account please?"). */
export const FIX_FILLER = new Set(
  `can could would will you please pls kindly for the a an of to at my me i her his their them account accounts
   unlock unlocked revoke revoked sessions session sign signin out everywhere reset mfa temporary access pass tap give
   issue create force require make new password passwd change changes changed enable re-enable reenable reactivate
   lost phone with and now right away
   kun kan kunt je jij u het de een van voor aan mijn haar zijn hun mij graag even alsjeblieft alstublieft account
   ontgrendel ontgrendelen deblokkeer deblokkeren vrijgeven sessie sessies intrekken beëindigen beeindigen trek in
   herstel herstellen resetten tijdelijke toegangspas nieuw wachtwoord verplicht verplichten afdwingen eisen wijzigen
   veranderen inschakelen activeren heractiveren schakel laat laten moet`
    .split(/\s+/)
    .filter(Boolean),
);

/** "my account", "mijn account", "me": the asker themselves. */
export const SELF_WORDS = /\b(?:my|me|i|mijn|mij|ik)\b/;

/** A question about what happened ("why was Megan's session revoked?") asks for no fix. */
export const QUESTION_START =
  /^\s*(?:why|waarom|what|wat|when|wanneer|how|hoe|who|wie|did|does|do|is|are|was|were|has|have|had|which|welke|where|waar|heeft|hebben|had|werd|is er)\b/;
