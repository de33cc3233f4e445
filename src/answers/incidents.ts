/**
 * Incidents in questions and card actions, as Answers: subscribing a conversation, the known-problem
 * notice, and the alert card's buttons. Who may do what is decided by the access policy (actions
 * 'subscribe', 'incidentPeople', 'incidentTicket'); nothing here decides access by itself.
 */
import type { Gatekeeper } from './access';
import type { Answer, IncidentAnswer, Reply, Requester, SummaryAnswer, TicketWriter } from './types';
import { parseVerbData } from './verbs';
import { incidentTicketKey, TicketSinkError } from '../tickets';
import type { Language } from '../shared/types';
import type { IncidentService } from '../incidents/service';
import type { ConversationAddress } from '../incidents/subscriptions';
import type { Incident } from '../incidents/types';

export async function answerSubscription(
  service: IncidentService,
  gate: Gatekeeper,
  requester: Requester,
  intent: 'subscribe' | 'unsubscribe',
  language: Language,
): Promise<Answer> {
  const shared = requester.conversationType !== 'personal';
  const decision = await gate.decide(requester, 'subscribe', { kind: 'nobody' });
  if (!decision.allow) return { kind: 'subscription', result: 'not-allowed', shared };
  const address = requester.conversationReference;
  const conversationId = (address?.conversation as { id?: unknown } | undefined)?.id;
  if (!address || typeof conversationId !== 'string') return { kind: 'unknown', examples: [] };
  if (intent === 'unsubscribe')
    return { kind: 'subscription', result: await service.unsubscribe(conversationId), shared };
  const result = await service.subscriptions.subscribe(
    { address, language, timeZone: requester.timeZone, conversationType: shared ? 'shared' : 'personal' },
    conversationId,
    requester.userId,
  );
  const limit =
    result === 'limit-person'
      ? service.subscriptions.limits.perPerson
      : result === 'limit-tenant'
        ? service.subscriptions.limits.perTenant
        : undefined;
  return { kind: 'subscription', result, shared, ...(limit !== undefined ? { limit } : {}) };
}

/** The notice an affected person reads first: only on their own answer, only for an open incident they are in. */
export function withKnownProblem(
  answer: Answer,
  requester: Requester,
  service: IncidentService | null | undefined,
): Answer {
  if (!service || answer.kind !== 'summary' || answer.subject.kind !== 'self') return answer;
  const incident = service.monitor.openIncidentOf(requester.userId);
  return incident ? ({ ...answer, knownProblem: knownProblemOf(incident) } satisfies SummaryAnswer) : answer;
}

export function knownProblemOf(incident: Incident): IncidentAnswer {
  return {
    kind: 'incident',
    id: incident.id,
    what: { app: incident.app, code: incident.code, policy: incident.policy },
    since: incident.since,
    ...(incident.sinceCutOffHours ? { sinceOrEarlier: true } : {}),
    people: incident.people,
    resolved: incident.resolved,
  };
}

/** The verbs of an alert card. */
export const INCIDENT_VERBS = new Set(['incidentPeople', 'incidentTicket']);

/** What the alert card's buttons need besides the incidents themselves. */
export interface IncidentActionDeps {
  service: IncidentService;
  gate: Gatekeeper;
  ticketContent: TicketWriter;
  /** Sends an answer into a conversation by itself (a reader's personal chat); none: not possible here. */
  sendPrivately: ((address: ConversationAddress, reply: Reply) => Promise<void>) | null;
}

export async function answerIncidentAction(
  deps: IncidentActionDeps,
  requester: Requester,
  verb: string,
  data: Record<string, unknown>,
  language: Language,
): Promise<Answer> {
  const { service, gate } = deps;
  const parsed =
    verb === 'incidentPeople' ? parseVerbData('incidentPeople', data) : parseVerbData('incidentTicket', data);
  if (!parsed) return { kind: 'refused', reason: 'bad-action-data' };
  // Access before existence: whoever may not use the button learns nothing of which incident ids
  // are live (the same answer, after the same work, for a live id and an unknown one).
  const decision =
    verb === 'incidentPeople'
      ? await gate.decide(requester, 'incidentPeople', { kind: 'everyone' })
      : await gate.decide(requester, 'incidentTicket', { kind: 'nobody' });
  if (!decision.allow && decision.reason !== 'shared-conversation') return { kind: 'incident-refused' };
  const incident = service.monitor.find(parsed.incidentId);
  if (!incident) return { kind: 'incident-gone' };
  if (verb === 'incidentPeople') return showPeople(deps, requester, incident, language, decision.allow);
  if (!service.options.tickets) return { kind: 'ticket-failed', reason: 'not-configured' };
  try {
    // One ticket per incident, whoever clicks and on whichever instance: the desk's ledger decides.
    const ticket = await service.options.tickets.open(
      incidentTicketKey(incident.id),
      deps.ticketContent.incident(requester, incident, language),
    );
    return {
      kind: 'incident-alert',
      incident,
      notice: {
        kind: 'ticket',
        ticket: {
          reference: ticket.reference,
          where: ticket.where,
          duplicate: ticket.duplicate,
          unconfirmed: ticket.unconfirmed,
          comment: null,
        },
      },
    };
  } catch (error) {
    const reason = error instanceof TicketSinkError && error.ledger ? error.ledger : 'sink-failed';
    return { kind: 'ticket-failed', reason, retry: undefined };
  }
}

/** `here`: the reader may see the list in this conversation; otherwise (a channel or group chat) it goes to their personal chat. */
async function showPeople(
  { service, sendPrivately }: IncidentActionDeps,
  requester: Requester,
  incident: Incident,
  language: Language,
  here: boolean,
): Promise<Answer> {
  const list: Answer = { kind: 'incident-people', incident, people: service.options.peopleOf(incident) };
  if (here) return list;
  // A reader in a channel or group chat: the list goes to their personal chat; the shared card keeps counts only.
  const address = await service.personalChatOf(requester.userId!);
  if (!address || !sendPrivately)
    return { kind: 'incident-alert', incident, notice: { kind: 'people-personal-first' } };
  await sendPrivately(address, { answer: list, language, audience: 'helpdesk', timeZone: requester.timeZone });
  return { kind: 'incident-alert', incident, notice: { kind: 'people-sent' } };
}

export { incidentTicketKey };
