/** How current and how complete the sign-ins behind an answer are: said on the card, never hidden. */

/** How current the data behind an answer is (a live index will set it; a direct read is current). */
export interface Freshness {
  /** The newest moment the data is known to cover. */
  asOf: Date;
  source: 'graph' | 'index';
}

/**
 * A window the read could not search whole (the question's page allowance or time ran out): the
 * newest `records` sign-ins were searched, back to `readBackTo`; the rest of the window was not.
 */
export interface AnswerCoverage {
  records: number;
  readBackTo: Date;
  /** Interactive sign-ins were read whole; only background (non-interactive) or app sign-ins were cut short. */
  onlyBackground: boolean;
}

/**
 * The headline ("Outlook has the most failures", "120 sign-ins") is drawn from only the newest `records` sign-ins,
 * back to `readBackTo`, not from the whole window asked about: the headline says so, not only a note below it.
 */
export interface HeadlineFrom {
  records: number;
  readBackTo: Date;
  /** Every interactive sign-in of the window was read; only background refreshes stop at `readBackTo`. */
  onlyBackground: boolean;
}
