/** "Did anyone try to get into my account?": decides yes or no, the attempt a ticket is about, and the finding it caused. */
import type { Diagnosis } from '../diagnosis/diagnose';
import type { FailureCategory } from '../shared/types';
import { intrusionFacts } from '../diagnosis/intrusion';
import type { AnswerSubject, AnswerWindow, Freshness, IntrusionAnswer, ResolvedQuery } from './types';

interface Common {
  query: ResolvedQuery;
  subject: AnswerSubject;
  window: AnswerWindow;
  truncated: boolean;
  graphRequests: number;
  freshness?: Freshness;
  key: string;
}

/** `category`: the kind of failure the question named ("my password"), which narrows the attempts from elsewhere. */
export function intrusionAnswer(
  common: Common,
  diagnosis: Diagnosis,
  category: FailureCategory | null = null,
): IntrusionAnswer {
  const facts = intrusionFacts(diagnosis, category);
  const finding = diagnosis.findings.find(
    (f) => (f.kind === 'lockout' || f.kind === 'mfaFatigue') && facts.attempts.some((a) => a.record.id === f.signInId),
  );
  return {
    kind: 'intrusion',
    ...common,
    facts,
    ticketSignInId: facts.attempts[0]?.record.id ?? null,
    finding: finding?.kind === 'lockout' || finding?.kind === 'mfaFatigue' ? finding.kind : null,
  };
}
