/**
 * A fix done (or refused by Entra) about a sign-in that has an open ticket is appended to that ticket
 * (issue 21): the ticket the clicker opened on the sign-in, or the one the person opened on it.
 * What was done, its outcome, by whom and when; never what it made (a Temporary Access Pass).
 */
import { ticketKey, type TicketDesk } from '../tickets';
import type { FixAnswer } from './fixTypes';
import type { Requester } from './types';

export async function noteFixOnTicket(
  tickets: TicketDesk | null | undefined,
  requester: Requester,
  answer: FixAnswer,
  now: Date,
): Promise<void> {
  const signInId = answer.offer.signInId;
  if (!tickets || !signInId || !requester.userId) return;
  if (answer.stage !== 'done' && answer.stage !== 'forbidden') return;
  if (answer.stage === 'done' && answer.again) return;
  for (const openedBy of new Set([requester.userId, answer.target.id])) {
    const ticket = await tickets.existing(ticketKey(signInId, openedBy));
    if (!ticket) continue;
    await tickets.append(ticket, {
      fix: answer.fix,
      outcome: answer.stage === 'done' ? 'done' : 'refused',
      subject: { id: answer.target.id, name: answer.target.name },
      by: { id: requester.userId, name: requester.name ?? null },
      at: (answer.stage === 'done' ? answer.at : now).toISOString(),
    });
  }
}
