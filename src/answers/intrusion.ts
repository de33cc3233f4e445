/** "Did anyone try to get into my account?": decides yes or no, the attempt a ticket is about, and the finding it caused. */
import type { Diagnosis } from '../diagnosis/diagnose';
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

export function intrusionAnswer(common: Common, diagnosis: Diagnosis): IntrusionAnswer {
  const facts = intrusionFacts(diagnosis);
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
