/**
 * The parser's dictionary (src/understanding/words/dictionary.txt, made by scripts/make-dictionary.ts): everyday
 * words typed in lower case are not names, while a word that the word lists also hold with a capital may be one.
 */
import { everydayWords } from '../../scripts/make-dictionary';
import { everydayWords as shipped } from '../../src/understanding/words';

describe('the everyday-word dictionary', () => {
  it('keeps lower-case words and drops any word the lists also hold with a capital (a possible name)', () => {
    const english = ['apple', 'Mark', 'mark', 'window', "window's", 'renew'].join('\n');
    const dutch = ['vernieuwen', 'Koen', 'koen', 'vreemde', 'ab', 'zeer-lang-samengesteld'].join('\n');
    expect(everydayWords([english, dutch])).toEqual(['apple', 'renew', 'vernieuwen', 'vreemde', 'window']);
  });

  it('ships words of both languages, and no given name of the demo tenant', () => {
    for (const word of ['sorry', 'renew', 'strange', 'vernieuwen', 'vreemde', 'meeste'])
      expect(shipped.has(word)).toBe(true);
    for (const name of ['megan', 'lynne', 'patti', 'isaiah', 'grady', 'miriam', 'lee', 'ben', 'daan', 'sanne', 'koen'])
      expect(shipped.has(name)).toBe(false);
  });
});
