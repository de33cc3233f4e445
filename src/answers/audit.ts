/** The audit event of one turn, derived from its Answer: who asked about whom, the range, the decision. */
import type { AuditEvent } from '../shared/logger';
import type { Answer, Requester } from './types';

export interface AuditContext {
  event: 'question' | 'action';
  requester: Requester;
  /** The question's intent, or the card verb. */
  intent: string;
}

type Decided = Pick<
  AuditEvent,
  'subject' | 'from' | 'to' | 'decision' | 'reason' | 'records' | 'graphRequests' | 'fix'
> & {
  intent?: string;
};

const none = { subject: null, from: null, to: null, records: 0 } as const;

function decided(answer: Answer, requester: Requester): Decided {
  const sameAsAsker = (id: string | null | undefined) =>
    Boolean(id) && id!.toLowerCase() === requester.userId?.toLowerCase();
  switch (answer.kind) {
    case 'refused':
      return { ...none, decision: 'refused', reason: answer.reason };
    case 'ask-privately':
      return { ...none, decision: 'refused', reason: 'shared-conversation' };
    case 'not-found':
      return { ...none, decision: 'refused', reason: 'person-not-found' };
    case 'choose-person':
      return { ...none, decision: 'allowed', reason: 'ambiguous' };
    case 'summary':
    case 'count':
    case 'intrusion': {
      const subject =
        answer.subject.kind === 'tenant' ? 'anyone' : answer.subject.kind === 'self' ? 'self' : answer.subject.id;
      return {
        subject,
        from: answer.window.from.toISOString(),
        to: answer.window.to.toISOString(),
        decision: 'allowed',
        records: answer.kind === 'intrusion' ? answer.facts.attempts.length : answer.diagnosis.recordCount,
        graphRequests: answer.graphRequests,
        intent: answer.query.intent,
      };
    }
    case 'tenant':
      return {
        subject: 'anyone',
        from: answer.window.from.toISOString(),
        to: answer.window.to.toISOString(),
        decision: 'allowed',
        records: answer.breakdown.failures,
        graphRequests: answer.graphRequests,
        intent: answer.ask,
      };
    case 'ticket-opened':
      return {
        ...none,
        subject: sameAsAsker(answer.record.userId) ? 'self' : (answer.record.userId ?? null),
        decision: 'allowed',
        records: 1,
      };
    case 'ticket-failed':
      if (answer.reason === 'sink-failed')
        return { ...none, decision: 'error', reason: 'ticket-sink-failed', records: 1 };
      if (answer.reason === 'not-configured')
        return { ...none, decision: 'allowed', reason: 'tickets-not-configured', records: 1 };
      return { ...none, decision: 'refused', reason: 'sign-in-not-found' };
    case 'problem':
      return { ...none, decision: 'error', reason: answer.problem };
    case 'too-long':
      return { ...none, decision: 'allowed', reason: 'too-long' };
    case 'unknown':
      return { ...none, decision: answer.reason === 'unknown-verb' ? 'refused' : 'allowed', reason: answer.reason };
    case 'before-retention':
      return { ...none, decision: 'allowed', reason: 'before-retention' };
    case 'subscription':
      return {
        ...none,
        decision: answer.result === 'not-allowed' ? 'refused' : 'allowed',
        reason: answer.result === 'not-allowed' ? 'not-a-reader' : answer.result,
      };
    case 'incident-people':
      return {
        ...none,
        subject: 'anyone',
        decision: 'allowed',
        reason: 'incident-people',
        records: answer.people.length,
      };
    case 'incident-alert':
      return {
        ...none,
        decision: answer.incident && answer.notice?.kind === 'not-allowed' ? 'refused' : 'allowed',
        reason: answer.notice?.kind,
      };
    case 'incident-refused':
      return { ...none, decision: 'refused', reason: 'not-a-reader' };
    case 'fix': {
      // What was done to whom, never what it made (a Temporary Access Pass stays out of every log).
      const outcome = answer.stage === 'done' && answer.again ? 'done-before' : answer.stage;
      return {
        ...none,
        subject: answer.target.id,
        decision: answer.stage === 'forbidden' ? 'refused' : answer.stage === 'failed' ? 'error' : 'allowed',
        reason: `fix-${outcome}`,
        fix: {
          id: answer.fix,
          outcome,
          ...(answer.offer.signInId ? { signInId: answer.offer.signInId } : {}),
          ...(answer.stage === 'done' ? { at: answer.at.toISOString() } : {}),
        },
      };
    }
    case 'fix-elsewhere':
      return {
        ...none,
        subject: answer.target?.id ?? 'self',
        decision: 'allowed',
        reason: `fix-asked-${answer.asked}`,
      };
    case 'incident-gone':
    case 'help':
    case 'explain-code':
    case 'incident':
    case 'still-looking':
      return { ...none, decision: 'allowed' };
  }
}

export function auditOf(answer: Answer, context: AuditContext): AuditEvent {
  const { intent, ...rest } = decided(answer, context.requester);
  const event: AuditEvent = {
    event: context.event,
    requester: context.requester.userId ?? 'unknown',
    intent: intent ?? context.intent,
    ...rest,
  };
  if (event.reason === undefined) delete event.reason;
  if (event.graphRequests === undefined) delete event.graphRequests;
  if (event.fix === undefined) delete event.fix;
  return event;
}
