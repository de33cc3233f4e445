import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Mention, Question } from '../../src/understanding/question';

/** A Question as JSON: instants as ISO strings. */
export type QuestionJson = Omit<Question, 'from' | 'to'> & { from: string | null; to: string | null };

export interface Utterance {
  text: string;
  now: string;
  tz: string;
  locale?: string;
  mentions?: Mention[];
  previous?: QuestionJson;
  expected: QuestionJson;
}

export const UTTERANCES_FILE = join(__dirname, '..', 'fixtures', 'utterances.jsonl');

export function loadUtterances(): Utterance[] {
  return readFileSync(UTTERANCES_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Utterance);
}

export function fromJson(q: QuestionJson): Question {
  return { ...q, from: q.from ? new Date(q.from) : null, to: q.to ? new Date(q.to) : null };
}

export function toJson(q: Question): QuestionJson {
  return { ...q, from: q.from ? q.from.toISOString() : null, to: q.to ? q.to.toISOString() : null };
}
