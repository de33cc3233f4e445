import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NO_FORM } from '../../src/understanding/form';
import type { Mention, Question, QuestionForm } from '../../src/understanding/question';

/**
 * A Question as JSON: instants as ISO strings. Fields most questions leave at their default are
 * written only when set (`form` only its true flags): a line without them expects the defaults.
 */
export type QuestionJson = Omit<Question, 'from' | 'to' | 'form' | keyof typeof DEFAULTS> & {
  from: string | null;
  to: string | null;
  form?: Partial<QuestionForm>;
} & Partial<Pick<Question, keyof typeof DEFAULTS>>;

const DEFAULTS = {
  tenantAsk: null,
  country: null,
  platform: null,
  guests: false,
  idUnlabelled: false,
  context: 'fresh',
} satisfies Partial<Question>;

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
  return {
    ...DEFAULTS,
    ...q,
    from: q.from ? new Date(q.from) : null,
    to: q.to ? new Date(q.to) : null,
    form: { ...NO_FORM, ...q.form },
  };
}

export function toJson(q: Question): QuestionJson {
  const form = Object.fromEntries(Object.entries(q.form).filter(([, on]) => on)) as Partial<QuestionForm>;
  const { form: _form, ...all } = q;
  const rest = Object.fromEntries(
    Object.entries(all).filter(
      ([key, value]) =>
        !(key in DEFAULTS) || JSON.stringify(value) !== JSON.stringify(DEFAULTS[key as keyof typeof DEFAULTS]),
    ),
  ) as Omit<Question, 'form'>;
  return {
    ...rest,
    from: q.from ? q.from.toISOString() : null,
    to: q.to ? q.to.toISOString() : null,
    ...(Object.keys(form).length ? { form } : {}),
  };
}
