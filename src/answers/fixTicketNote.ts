/**
 * A fix done (or refused by Entra) about a sign-in that has an open ticket is appended to that ticket
 * (issue 21): the ticket the clicker opened on the sign-in, or the one the person opened on it.
 * What was done, its outcome, by whom and when; never what it made (a Temporary Access Pass).
 * Every sink that takes follow-ups (mail, webhook, ServiceNow), after the click's answer (src/tickets/notes.ts).
 */
import { ticketKey, type TicketDesk } from '../tickets';
import type { FixAnswer } from './fixTypes';
import type { Requester } from './types';

export function noteFixOnTicket(
  tickets: TicketDesk | null | undefined,
  requester: Requester,
  answer: FixAnswer,
  now: Date,
): void {
  const signInId = answer.offer.signInId;
  const by = requester.userId;
  if (!tickets || !signInId || !by) return;
  if (answer.stage !== 'done' && answer.stage !== 'forbidden') return;
  if (answer.stage === 'done' && answer.again) return;
  const note = {
    fix: answer.fix,
    outcome: answer.stage === 'done' ? ('done' as const) : ('refused' as const),
    subject: { id: answer.target.id, name: answer.target.name },
    by: { id: by, name: requester.name ?? null },
    at: (answer.stage === 'done' ? answer.at : now).toISOString(),
  };
  // After the click is answered: finding the ticket and sending the note must not hold it (the desk keeps the note until sent).
  tickets.later(async () => {
    for (const openedBy of new Set([by, answer.target.id])) {
      const ticket = await tickets.existing(ticketKey(signInId, openedBy));
      if (ticket) await tickets.append(ticket, note);
    }
  });
}
