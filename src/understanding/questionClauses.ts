/**
 * Which part of a message is the question and which tells the story around it: the sentences that end in a question
 * mark, and within one, the clause a question word opens after a comma ("Lynne works in Singapore this month, why did
 * her sign-ins fail yesterday?").
 */
import { wordsRegex } from './phrases';
import { merged } from './words';

const QUESTION_WORD = wordsRegex(merged((w) => w.form.questionWords)).source;

/** Where a sentence ends, and where a comma is followed by a question word whose clause ends in "?". */
export const QUESTION_CLAUSE_START = new RegExp(`(?<=[.!?])(?=\\s)|(?<=,)(?=\\s*${QUESTION_WORD}[^.!?]*\\?)`, 'u');

/** The sentences of `text` that end in a question mark. */
export function questionSentences(text: string): string[] {
  return text.match(/[^.!?]*\?/gu) ?? [];
}

/** The question sentences, each without the story clause before a comma and a question word. */
export function questionClauses(text: string): string[] {
  return questionSentences(text).map((sentence) => sentence.split(QUESTION_CLAUSE_START).at(-1)!);
}
