import { createHash } from 'node:crypto';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The idempotency key of a ticket: one per sign-in and requester. A hash, so that it can travel to
 * sinks (Idempotency-Key header, ServiceNow correlation_id) and sit in stores without personal data.
 */
export function ticketKey(signInId: string, requesterId: string): string {
  // Graph's ids are GUIDs, the same in any letter case: one sign-in and one person, one key.
  return sha256(JSON.stringify([signInId.toLowerCase(), requesterId.toLowerCase()]));
}

/** The key of an incident's one ticket, whoever clicks. */
export function incidentTicketKey(incidentId: string): string {
  return sha256(JSON.stringify(['incident', incidentId]));
}

/** A short reference derived from the key ("SIT-1A2B3C4D"), for sinks that do not number tickets. */
export function referenceFor(key: string): string {
  return `SIT-${sha256(key).slice(0, 8).toUpperCase()}`;
}
