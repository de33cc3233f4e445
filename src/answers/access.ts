/**
 * The access policy's decisions (src/access/policy.ts) as Answers: the gate every message and
 * click passes, and the check before anyone's sign-ins are read. The policy decides; this words
 * nothing and decides nothing of its own.
 */
import type { AccessDecision, AccessPolicy, Action, Refusal, Subject as AccessSubject } from '../access/policy';
import type { Answer, Requester } from './types';

export { sameId } from '../access/policy';

/** A refusal as an answer: others' sign-ins in a shared conversation get "ask me privately". */
export function refusalAnswer(reason: Refusal): Answer {
  return reason === 'shared-conversation' ? { kind: 'ask-privately' } : { kind: 'refused', reason };
}

/** The one refusal for questions about others: the same answer whoever was asked about. */
export function refuse(): Answer {
  return { kind: 'refused', reason: 'not-a-reader' };
}

export class Gatekeeper {
  constructor(readonly policy: AccessPolicy) {}

  /** Strangers (no object id, another tenant) and people over their rate limit stop here. */
  async gate(requester: Requester): Promise<Answer | null> {
    const admitted = await this.policy.admit(requester);
    return admitted.allow ? null : refusalAnswer(admitted.reason);
  }

  isReader(requester: Requester): Promise<boolean> {
    return this.policy.isReader(requester);
  }

  decide(requester: Requester, action: Action, subject: AccessSubject, priorRefusal = false): Promise<AccessDecision> {
    return this.policy.decide({ asker: requester, action, subject, priorRefusal });
  }

  /** May the asker see this person's sign-ins (null: everyone's) here? Null when allowed. */
  async authorize(
    requester: Requester,
    action: Action,
    userId: string | null,
    priorRefusal = false,
  ): Promise<Answer | null> {
    const subject: AccessSubject = userId === null ? { kind: 'everyone' } : { kind: 'user', userId };
    const decision = await this.decide(requester, action, subject, priorRefusal);
    return decision.allow ? null : refusalAnswer(decision.reason);
  }
}
