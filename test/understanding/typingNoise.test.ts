/**
 * Typing noise leaves the parse as it was: every held-out row that parses right (test/fixtures/heldout-utterances*.jsonl,
 * pasted screens aside) is typed again the way people type in chat — with a greeting or a filler in front, a "thanks"
 * at the end, in capitals, after a framing sentence — and must still parse right. Names, apps and countries are
 * compared without regard to case when the noise changed the case. Each kind of noise may change at most the number
 * of rows it changed when last measured (`allowed`): the rows listed on failure are the ones to look at.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { heldOutRows, misses, type HeldOut } from './heldoutRows';

const dutch = (r: HeldOut) => r.expected.language === 'nl';
const complete = (r: HeldOut) => r.kind !== 'fragment';

interface Noise {
  type: (r: HeldOut) => string | null;
  /** Rows it may change: those listed beside it, which noise makes truly ambiguous. */
  allowed: number;
  /** The noise changes letter case: a name, app or country is then right in any case. */
  recases?: boolean;
}

const NOISE: Record<string, Noise> = {
  'a greeting in front': { type: (r) => (dutch(r) ? 'hoi, ' : 'hi, ') + r.text, allowed: 0 },
  'a second greeting in front': { type: (r) => (dutch(r) ? 'Goedemiddag! ' : 'Hey there. ') + r.text, allowed: 0 },
  'a filler in front': { type: (r) => (dutch(r) ? 'ok, ' : 'ok so ') + r.text, allowed: 0 },
  'a label in front': { type: (r) => (dutch(r) ? 'vraagje: ' : 'quick question: ') + r.text, allowed: 0 },
  'thanks at the end': { type: (r) => r.text + (dutch(r) ? ' alvast bedankt' : ' thanks'), allowed: 0 },
  "the bot's name in front": { type: (r) => `@Sign-in Troubleshooter ${r.text}`, allowed: 0 },
  // "I'm on the helpdesk. half my team got locked out …. did anyone try to get into my account too?": "I" in the
  // framing makes the sentences about the others the asker's own, so their lockout is kept.
  'a framing sentence in front': {
    type: (r) => (complete(r) ? (dutch(r) ? 'ik zit op de servicedesk. ' : "I'm on the helpdesk. ") + r.text : null),
    allowed: 1,
  },
  // Both: "will's account" (a name that is a word, with no capital to tell) and "voor contoso reporting" (after a weak
  // preposition, a name of everyday words with no capitals to say it is one).
  'all in capitals': { type: (r) => r.text.toUpperCase(), allowed: 2, recases: true },
  'all in lower case': { type: (r) => r.text.toLowerCase(), allowed: 2, recases: true },
};

const rows = readdirSync(join(__dirname, '..', 'fixtures'))
  .filter((f) => /^heldout-utterances.*\.jsonl$/.test(f))
  .flatMap((f) => heldOutRows(f))
  .filter((r) => r.kind !== 'screen' && misses(r).length === 0);

/** A miss that is only the case of a name, app or country as typed. */
const caseOnly = (miss: string) => {
  const m = /^(?:subject|app|country): got (.*), expected (.*)$/u.exec(miss);
  return m !== null && m[1].toUpperCase() === m[2].toUpperCase();
};

describe('typing noise leaves the parse as it was', () => {
  it('has the held-out rows to type again', () => {
    expect(rows.length).toBeGreaterThan(1500);
  });

  it.each(Object.entries(NOISE))('%s', (_name, noise) => {
    const changed = rows.flatMap((row) => {
      const text = noise.type(row);
      if (text === null || text === row.text) return [];
      const wrong = misses({ ...row, text }).filter((m) => !(noise.recases && caseOnly(m)));
      return wrong.length ? [{ text: text.slice(0, 100), wrong }] : [];
    });
    expect(changed.length <= noise.allowed ? [] : changed).toEqual([]);
  });
});
