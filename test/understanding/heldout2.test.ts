/**
 * The second held-out set (test/fixtures/heldout-utterances-2.jsonl): 100 fresh helpdesk and end-user phrasings
 * (60 English, 40 Dutch) written without reading src/understanding/ or the other utterance files, each with the
 * parse a person would expect; fields that hang on a convention follow the first held-out set. A row is right when
 * every field of its expected Question matches; `form` is checked only on the flags the row names.
 *
 * It is no longer blind: it scored en 55/60, nl 33/40 when written, and the parser has since been fixed against
 * its misses (by class: outage states, Dutch durations, session/MFA phrasings, everyday words as names, apps
 * after "niet bij", short state questions), so it now guards against regressions; the 97 % goal is
 * measured on sets the parser has not seen. Its label for "top error codes this week" (failures, tenantAsk top-codes)
 * became the convention for every ranking question; the older tables were relabelled to match.
 */
import { heldOutRows, misses } from './heldoutRows';

const rows = heldOutRows('heldout-utterances-2.jsonl');

/** Percentage right per language after fixing against it (when written: en 91.7 %, nl 82.5 %). */
const FLOOR = { en: 100, nl: 100 } as const;

describe('held-out utterances, second set', () => {
  it('has 100 rows, 60 English and 40 Dutch, of every kind it was written for', () => {
    expect(rows.length).toBe(100);
    expect(rows.filter((r) => r.expected.language === 'nl').length).toBe(40);
    const kinds = new Set(rows.map((r) => r.kind));
    for (const kind of ['tenant', 'yesno', 'person', 'codes', 'ids', 'help']) {
      expect(kinds).toContain(kind);
    }
  });

  it.each(['en', 'nl'] as const)('the %s rows parse right at least as often as when measured', (language) => {
    const mine = rows.filter((r) => r.expected.language === language);
    const wrong = mine.map((r) => ({ text: r.text.slice(0, 80), misses: misses(r) })).filter((r) => r.misses.length);
    const right = (100 * (mine.length - wrong.length)) / mine.length;
    if (process.env.HELDOUT_REPORT) console.log(`${language}: ${right.toFixed(1)} % of ${mine.length}`, wrong);
    expect(right >= FLOOR[language] ? [] : wrong).toEqual([]);
  });
});
