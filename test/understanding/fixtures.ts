import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NO_FORM } from '../../src/understanding/form';
import type { Mention, Question, QuestionForm } from '../../src/understanding/question';

/**
 * A Question as JSON: instants as ISO strings; `form` lists only its true flags (most questions
 * have none), so a line without it expects no counting, yes/no, outage or present tense.
 */
export type QuestionJson = Omit<Question, 'from' | 'to' | 'form'> & { from: string | null; to: string | null; form?: Partial<QuestionForm> };

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
  return { ...q, from: q.from ? new Date(q.from) : null, to: q.to ? new Date(q.to) : null, form: { ...NO_FORM, ...q.form } };
}

export function toJson(q: Question): QuestionJson {
  const form = Object.fromEntries(Object.entries(q.form).filter(([, on]) => on)) as Partial<QuestionForm>;
  const { form: _form, ...rest } = q;
  return { ...rest, from: q.from ? q.from.toISOString() : null, to: q.to ? q.to.toISOString() : null, ...(Object.keys(form).length ? { form } : {}) };
}
