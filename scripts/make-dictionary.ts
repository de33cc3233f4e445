/**
 * Writes src/understanding/words/dictionary.txt: the everyday words of English and Dutch that are never written with a
 * capital (so never a name), from Debian's word lists — wamerican and wbritish (SCOWL) and wdutch (OpenTaal). A word
 * that either list also holds with a capital ("Mark", "Koen", "Lee") is left out: it may be someone's name.
 *
 * The parser reads the file to tell "vernieuwen", "vreemde" or "sorry" from a person typed in lower case
 * (src/understanding/subject.ts). Licences: src/understanding/words/dictionary.LICENSE.md.
 *
 *   apt-get download wamerican wbritish wdutch && for f in *.deb; do dpkg-deb -x "$f" dict; done
 *   npm run dictionary -- dict/usr/share/dict
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const LISTS = ['american-english', 'british-english', 'dutch'];
/** Longer words are compounds and inflections that nobody types where a name would stand; they only add size. */
const MAX_LENGTH = 12;
const LOWER_WORD = new RegExp(`^\\p{Ll}{3,${MAX_LENGTH}}$`, 'u');
const CAPITALISED = /^\p{Lu}\p{Ll}+$/u;

export function everydayWords(lists: string[]): string[] {
  const words = lists.flatMap((list) => list.split('\n').map((line) => line.trim()));
  const maybeNames = new Set(words.filter((w) => CAPITALISED.test(w)).map((w) => w.toLowerCase()));
  return [...new Set(words.filter((w) => LOWER_WORD.test(w) && !maybeNames.has(w)))].sort();
}

if (require.main === module) {
  const dir = process.argv[2] ?? '/usr/share/dict';
  const words = everydayWords(LISTS.map((name) => readFileSync(join(dir, name), 'utf8')));
  const out = resolve(__dirname, '..', '..', 'src', 'understanding', 'words', 'dictionary.txt');
  writeFileSync(out, words.join('\n') + '\n');
  console.log(`${words.length} words → ${out}`);
}
