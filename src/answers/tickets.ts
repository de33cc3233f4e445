/** "Open support ticket": re-read the sign-in (scoped to the asker unless a reader), open it once, keep the investigation. */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { Logger } from 'pino';
import type { Language } from '../shared/types';
import type { SignInSource } from '../signins/signInLog';
import { ticketKey, TicketSinkError, type TicketDesk } from '../tickets';
import type { ReadBudget } from '../signins/readBudget';
import { refusalAnswer, sameId, type Gatekeeper } from './access';
import { parseVerbData, ticketComment } from './verbs';
import type { Answer, Requester, ResolvedQuery, SummaryAnswer, TicketWriter } from './types';
import { parseResolvedQuery } from './resolvedQuery';

export interface TicketDeps {
  signIns: SignInSource;
  tickets: TicketDesk | null;
  ticketContent: TicketWriter;
  logger: Logger;
  /** Each person's share of by-id reads (a burst of forged clicks must not spend the tenant's). */
  readBudget?: ReadBudget;
  /** The open incident this person's failures belong to (src/incidents): the ticket refers to it. */
  incidentOf?: (userId: string) => string | undefined;
  /** The answer the button came from, re-read and re-authorized (null when it cannot be had): its finding goes into the ticket. */
  investigate?: () => Promise<SummaryAnswer | null>;
}

/** The answer, when what it found is about this sign-in (the sign-in is among the finding's evidence). */
function aboutSignIn(answer: SummaryAnswer | null | undefined, signInId: string): SummaryAnswer | undefined {
  const v = answer?.verdict;
  if (!v) return undefined;
  const finding = v.kind === 'finding' || (v.kind === 'outage' && v.yes) ? v.finding : null;
  return answer && finding?.evidence.includes(signInId) ? answer : undefined;
}

export async function openTicket(
  deps: TicketDeps,
  requester: Requester,
  gate: Gatekeeper,
  data: Record<string, unknown>,
  language: Language,
): Promise<Answer> {
  const parsed = parseVerbData('openTicket', data);
  if (!parsed) return { kind: 'refused', reason: 'bad-action-data' };
  const { signInId, commentId: commentField } = parsed;
  const decision = await gate.decide(requester, 'openTicket', { kind: 'signIn' });
  if (!decision.allow) return refusalAnswer(decision.reason);
  // The card names someone else and the asker may not see others' sign-ins here: no read at all.
  if (decision.narrowedBy && parsed.userId && !sameId(parsed.userId, requester.userId))
    return refusalAnswer(decision.narrowedBy);
  // A retry of a ticket this person already opened on this sign-in: answered from the ledger, with
  // no read and nothing taken from their read budget (two clicks and a retry are one ticket, not three reads).
  // Only when the card names the person the ledger recorded (a forged or stale button takes the ordinary path).
  const opened = await deps.tickets?.existing(ticketKey(signInId, requester.userId!));
  if (opened?.subjectId && parsed.userId && sameId(parsed.userId, opened.subjectId)) {
    // Whose sign-in it is comes from the ledger (recorded from the read when the ticket was opened), never from the card.
    const record: SignIn = { id: signInId, ...(opened.subjectId ? { userId: opened.subjectId } : {}) };
    return {
      kind: 'ticket-opened',
      ticket: {
        reference: opened.reference,
        where: opened.where,
        duplicate: true,
        unconfirmed: opened.unconfirmed,
        comment: null,
      },
      record,
      fromLedger: true,
    };
  }
  if (deps.readBudget && !deps.readBudget.take(requester.userId!)) return { kind: 'refused', reason: 'rate-limited' };
  // Outside a reader's personal chat the read is scoped to the asker's own sign-ins on the server
  // side: a forged id of someone else's sign-in simply finds nothing.
  const record =
    decision.scope === 'others'
      ? await deps.signIns.byId(signInId)
      : await deps.signIns.ownById(signInId, requester.userId!);
  if (!record) {
    if (decision.narrowedBy === 'not-a-reader') return { kind: 'refused', reason: 'not-own-sign-in' };
    if (decision.narrowedBy) return refusalAnswer(decision.narrowedBy);
    return { kind: 'ticket-failed', reason: 'sign-in-gone' };
  }
  if (!deps.tickets) return { kind: 'ticket-failed', reason: 'not-configured' };
  const comment = ticketComment(data, commentField);
  // The ticket is read by the helpdesk: it carries their explanation and steps, whoever clicked.
  const incidentId = record.userId ? deps.incidentOf?.(record.userId) : undefined;
  // The finding is an addition: a ticket opens without it when the investigation cannot be had.
  const about = aboutSignIn(await deps.investigate?.().catch(() => null), record.id ?? signInId);
  const content = deps.ticketContent.signIn(requester, record, language, comment || null, {
    incidentId,
    notMe: parsed.notMe,
    about,
  });
  try {
    const ticket = await deps.tickets.open(ticketKey(record.id ?? signInId, requester.userId!), content);
    return {
      kind: 'ticket-opened',
      ticket: {
        reference: ticket.reference,
        where: ticket.where,
        duplicate: ticket.duplicate,
        unconfirmed: ticket.unconfirmed,
        comment: comment || null,
      },
      record,
    };
  } catch (error) {
    // The sink's own words go to the log only; the person reads words for their audience.
    deps.logger.warn(
      { err: { message: error instanceof Error ? error.message : String(error) } },
      'ticket sink failed',
    );
    // "Try again" carries the comment, so that nothing the person wrote is lost, and the question
    // the ticket came from, so that the investigation is back on the card once it works.
    const retry = {
      ...data,
      signInId,
      userId: record.userId ?? '',
      commentId: commentField,
      [commentField]: comment,
      language,
    };
    const reason = error instanceof TicketSinkError && error.ledger ? error.ledger : 'sink-failed';
    return { kind: 'ticket-failed', reason, retry };
  }
}

/**
 * How long a ticket click waits for its card's question to be answered anew. A slow or throttled sign-in
 * log must not hold the ticket up past the turn budget: after this the ticket opens without the finding.
 */
export const INVESTIGATION_WAIT_MS = 4_000;

/** The work's result, or null when it fails or is not done within `ms`. */
function within<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms).unref();
  });
  return Promise.race([work.catch(() => null), late]).finally(() => clearTimeout(timer));
}

/**
 * The ticket and the investigation it came from. `investigate` answers a button's question anew
 * (re-authorized; null when the asker may no longer see it), at most once per question: the ticket
 * carries its finding (the tenant-wide one from a card about everyone), the card keeps the owner's.
 */
export async function ticketWithInvestigation(
  deps: Omit<TicketDeps, 'investigate'> & { investigationWaitMs?: number },
  requester: Requester,
  gate: Gatekeeper,
  data: Record<string, unknown>,
  language: Language,
  investigate: (query: ResolvedQuery) => Promise<Answer | null>,
): Promise<Answer> {
  const query = parseResolvedQuery(data);
  const waitMs = deps.investigationWaitMs ?? INVESTIGATION_WAIT_MS;
  const once = (q: ResolvedQuery | null) => {
    let asked: Promise<Answer | null> | undefined;
    return () => (asked ??= q ? within(investigate(q), waitMs) : Promise.resolve(null));
  };
  const owners = once(query);
  const findingSource = data.everyone === true && query ? once({ ...query, userId: null }) : owners;
  const answer = await openTicket(
    {
      ...deps,
      investigate: () => findingSource().then((found) => (found?.kind === 'summary' ? found : null)),
    },
    requester,
    gate,
    data,
    language,
  );
  if (answer.kind !== 'ticket-opened') return answer;
  // Only the investigation of this sign-in's owner belongs beside its ticket. Ticket buttons always
  // name the owner (on a tenant-wide card too); one that names nobody brings no investigation along.
  if (!query || query.userId === null || !sameId(query.userId, answer.record.userId)) return answer;
  const investigation = await owners();
  if (!investigation) return answer;
  // From the ledger the owner is only what the button says: the investigation must hold the sign-in
  // itself (no read of its own), or it belongs to someone else and the ticket stands alone.
  if (investigation.kind === 'intrusion') return answer.fromLedger ? answer : { ...answer, summary: investigation };
  if (investigation.kind !== 'summary') return answer;
  if (!answer.fromLedger) return { ...answer, summary: investigation };
  const record = investigation.diagnosis.attempts.flatMap((a) => a.records).find((r) => sameId(r.id, answer.record.id));
  return record ? { ...answer, record, summary: investigation } : answer;
}
