/** Held-out sets of questions (test/fixtures/heldout-utterances*.jsonl): reading them and what a row's parse got wrong. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../../src/understanding/parse';
import type { Question } from '../../src/understanding/question';
import { fromJson, toJson, type Utterance } from './fixtures';

export type HeldOut = Utterance & { kind: string };

/** The rows of a held-out file in test/fixtures. */
export function heldOutRows(file: string): HeldOut[] {
  return readFileSync(join(__dirname, '..', 'fixtures', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as HeldOut);
}

function parsed(row: HeldOut): Question {
  return parse(row.text, {
    now: new Date(row.now),
    timeZone: row.tz,
    locale: row.locale,
    mentions: row.mentions,
    previous: row.previous ? fromJson(row.previous) : undefined,
  });
}

/**
 * Whether a parsed field means what the row expects. An app is compared without regard to case: the app filter
 * matches display names case-insensitively (src/signins/appMatch.ts), so "sharepoint" and "SharePoint" find the
 * same sign-ins, and the held-out sets' writers differed on whether to keep the casing typed.
 */
function sameValue(key: string, got: unknown, expected: unknown): boolean {
  if (key === 'app' && typeof got === 'string' && typeof expected === 'string') {
    return got.toLowerCase() === expected.toLowerCase();
  }
  return JSON.stringify(got) === JSON.stringify(expected);
}

/** The fields that differ, as "field: got … expected …"; empty when the row is parsed right. */
export function misses(row: HeldOut): string[] {
  const question = parsed(row);
  const { form: expectedForm = {}, ...expected } = row.expected;
  const { form: _form, ...got } = toJson(question);
  const wrong = Object.keys({ ...expected, ...got })
    .filter((key) => !sameValue(key, got[key as keyof typeof got], expected[key as keyof typeof expected]))
    .map(
      (key) =>
        `${key}: got ${JSON.stringify(got[key as keyof typeof got])}, expected ${JSON.stringify(expected[key as keyof typeof expected])}`,
    );
  for (const [flag, on] of Object.entries(expectedForm)) {
    if (question.form[flag as keyof Question['form']] !== on) wrong.push(`form.${flag}: expected ${String(on)}`);
  }
  return wrong;
}
