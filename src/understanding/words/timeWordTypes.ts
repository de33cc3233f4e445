/** The shape of a language's time words (words/types.ts `Words.time`). */
export type PartOfDay = 'morning' | 'afternoon' | 'evening' | 'night';
export type Unit = 'minute' | 'hour' | 'day' | 'week' | 'month';

export interface TimeWords {
  today: string[];
  yesterday: string[];
  dayBeforeYesterday: string[];
  /** Today from midnight until now. */
  earlierToday: string[];
  /** Month names and abbreviations: a date chrono-node finds counts only when it names a month ("20 nov"). */
  months: string[];
  /** Monday first; full names (and common typos), usable on their own. */
  weekdays: string[][];
  /** Monday first; short forms, only recognised after a prefix ("on tue", "since wed"). */
  weekdayAbbreviations: string[][];
  /** Before a weekday, means "strictly before today" ("last monday" said on a Monday = 7 days ago). */
  lastWeekdayPrefix: string[];
  /** Before a weekday, adds nothing ("on monday"). */
  weekdayPrefix: string[];
  /** Parts of the day, after a day word, a weekday, or a "this" prefix ("yesterday morning", "vanochtend"). */
  parts: Record<PartOfDay, string[]>;
  /** Part words that may also stand alone ("failures in the morning"); Dutch "morgen" alone means tomorrow. */
  bareParts: string[];
  /** Before a part of the day ("all morning", "de hele ochtend"): the part up to now, or to its end once it is over. */
  wholePart: string[];
  /** Before a part word, means "today" ("this morning", "vanochtend", "deze middag"); may be written attached. */
  thisPartPrefix: string[];
  /** Before a bare part word ("in the morning", "'s avonds"). */
  partPrefix: string[];
  tonight: string[];
  /** Yesterday 18:00 to today 06:00. */
  lastNight: string[];
  /** Those of `lastNight` that mean the hours after midnight only, today 00:00 to 06:00 ("vannacht"). */
  smallHours: string[];
  /** Before a time expression: from that time until now ("since tuesday", "sinds 9 uur"). */
  since: string[];
  /** After an ordinal, a place, not a date ("the 3rd floor"). */
  notAfterOrdinal: string[];
  /** After a day, that whole day ("gisteren de hele dag", "yesterday all day"); alone, these words are today. */
  wholeDay: string[];
  /** After a time, up to now ("from this morning until now", "vanaf 9 uur tot nu"). */
  untilNow: string[];
  /**
   * A "from" that means "since", as many write it ("fails to login from yesterday", "is failing from morning"): only
   * after one of these present-tense complaints in the same sentence, and with no end ("to", "until") after the time;
   * `notRangeEnd`: range joiners that after such a "from" are only a conjunction ("from yesterday and still …").
   */
  fromAsSince: { from: string[]; after: string[]; notRangeEnd: string[] };
  /** "between 9 and 11" / "from 9 to 11": the opening and joining words. */
  rangeOpen: string[];
  rangeJoin: string[];
  /** "at 9", "around 10am": one hour centred on the time. */
  at: string[];
  /** Before/after a clock time; `…Strict` ones need a clearly written time ("voor 10 uur", not "voor 2"). */
  before: string[];
  beforeStrict: string[];
  after: string[];
  afterStrict: string[];
  /** Words after an hour number that mark it as a clock time: am/pm or "uur". */
  am: string[];
  pm: string[];
  oClock: string[];
  noon: string[];
  midnight: string[];
  /** Before an hour: minutes to add to (hour − 1), e.g. Dutch "half 10" = 09:30, "quarter to 10" = 09:45. */
  clockPrefixes: Record<string, number>;
  /** "in the last", "de afgelopen" … followed by an optional number and a unit. */
  lastN: string[];
  /** Before a number and a unit, means "for that long until now" ("for 3 days now", "al 3 dagen", "sinds 2 weken"); a number is required. */
  forN: string[];
  /** "2 hours ago", "3 dagen geleden". */
  ago: string[];
  units: Record<Unit, string[]>;
  /** Number words usable before a unit ("a couple of hours", "twee uur"). */
  numbers: Record<string, number>;
  thisWeek: string[];
  lastWeek: string[];
  thisMonth: string[];
  lastMonth: string[];
  /** The most recent weekend (this one when asked on Saturday or Sunday). */
  weekend: string[];
  /** The weekend before the most recent one when asked during a weekend, else the most recent. */
  lastWeekend: string[];
  /** Follow-ups: shift the previous question's range back ("and the day before?"). */
  dayBefore: string[];
  weekBefore: string[];
  /** Words that say "no particular time" and are simply dropped ("recently", "onlangs"). */
  vague: string[];
  /** When it still worked, dropped with its time: the failure came later ("it worked fine yesterday"). */
  stillWorked: string[];
  /** An absence right before "for N days": its length, not the window ("Alex was away for three weeks"). */
  absentFor: string[];
  /** An absence right after "N weeks": its length ("back from 3 weeks off"). */
  absentAfter: string[];
  /** Leaving, right before or after "N weeks ago": when someone left, not the window ("Ben left us 2 weeks ago but …"). */
  leavingWords: string[];
}
