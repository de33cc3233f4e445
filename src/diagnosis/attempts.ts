/**
 * Records → attempts. An attempt is every record sharing a correlationId; its last record decides
 * the outcome: an interrupt (MFA prompt, "stay signed in?") followed by success is "prompted, then
 * succeeded", not a failure.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { isInterrupt } from './catalog';

export type Outcome = 'succeeded' | 'promptedThenSucceeded' | 'interrupted' | 'failed';

export interface Attempt {
  correlationId: string;
  /** Oldest first. */
  records: SignIn[];
  final: SignIn;
  at: Date;
  outcome: Outcome;
}

const codeOf = (r: SignIn) => r.status?.errorCode ?? 0;
const timeOf = (r: SignIn) => new Date(r.createdDateTime as string);

/** Rows of one correlation id further apart than this are separate attempts (a client can reuse an id). */
const ATTEMPT_GAP_MS = 15 * 60_000;

/**
 * Records → attempts: the rows of one correlation id, oldest first, cut after every real failure
 * (a wrong password, then the right one, is a failure and then a success) and at long gaps.
 * Interrupts (MFA prompt, "stay signed in?") stay in the attempt they interrupted.
 */
export function groupAttempts(records: SignIn[]): Attempt[] {
  // Each record's time parsed once (the sort below would parse it at every comparison).
  const times = new Map<SignIn, number>();
  const ms = (r: SignIn) => {
    let t = times.get(r);
    if (t === undefined) times.set(r, (t = Date.parse(r.createdDateTime as string)));
    return t;
  };
  const groups = new Map<string, SignIn[]>();
  for (const record of records) {
    const key = record.correlationId || `record:${record.id}`;
    const list = groups.get(key);
    if (list) list.push(record);
    else groups.set(key, [record]);
  }
  const attempts: Attempt[] = [];
  for (const [correlationId, list] of groups) {
    list.sort((a, b) => ms(a) - ms(b));
    let current: SignIn[] = [];
    const close = () => {
      if (current.length > 0) attempts.push(attemptOf(correlationId, current));
      current = [];
    };
    for (const record of list) {
      const last = current[current.length - 1];
      if (last && ms(record) - ms(last) > ATTEMPT_GAP_MS) close();
      current.push(record);
      const code = codeOf(record);
      if (code !== 0 && !isInterrupt(code)) close();
    }
    close();
  }
  return attempts.sort((a, b) => b.at.getTime() - a.at.getTime());
}

function attemptOf(correlationId: string, records: SignIn[]): Attempt {
  const final = records[records.length - 1];
  const finalCode = codeOf(final);
  let outcome: Outcome;
  if (finalCode === 0) outcome = records.length > 1 ? 'promptedThenSucceeded' : 'succeeded';
  else if (isInterrupt(finalCode)) outcome = 'interrupted';
  else outcome = 'failed';
  return { correlationId, records, final, at: timeOf(records[0]), outcome };
}
