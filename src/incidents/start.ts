/** Builds incident detection and alerts over the live index, from the settings (called by src/app.ts). */
import type { Logger } from 'pino';
import type { LiveSignIns } from '../signins/live/start';
import type { StateStore } from '../state/types';
import type { TicketDesk } from '../tickets';
import { AlertPublisher, type AlertDelivery, type RenderAlert } from './alerts';
import { IncidentMonitor } from './monitor';
import { IncidentRegistry } from './registry';
import { incidentTicketKey } from '../tickets';
import { IncidentService, type AffectedPerson } from './service';
import { SubscriptionStore, type ConversationAddress } from './subscriptions';
import { incidentThresholds } from './thresholds';
import type { Incident } from './types';

export interface StartIncidentsOptions {
  live: LiveSignIns;
  state: StateStore;
  /** PATTERN_THRESHOLDS' "incidents". */
  thresholds: Record<string, unknown>;
  delivery: AlertDelivery;
  /** Draws an alert card for a subscription (src/app.ts passes the card renderer). */
  renderAlert: RenderAlert;
  tickets: TicketDesk | null;
  logger: Logger;
  now?: () => number;
  onRun?: (incidents: Incident[]) => void;
  /** Where proactive messages may go (the wiring's replyUrlAllowed, applied to the address's serviceUrl); none: anywhere. */
  serviceUrlAllowed?: (serviceUrl: string) => boolean;
}

export function startIncidents(options: StartIncidentsOptions): IncidentService {
  const { live, state, delivery, logger } = options;
  const now = options.now ?? Date.now;
  const allowed = options.serviceUrlAllowed;
  const addressAllowed = allowed
    ? (address: ConversationAddress) => typeof address.serviceUrl === 'string' && allowed(address.serviceUrl)
    : undefined;
  const subscriptions = new SubscriptionStore(state, now, { addressAllowed });
  const warn = (message: string) => (error: unknown) =>
    logger.warn({ err: { message: (error as Error)?.message } }, message);
  const publisher = new AlertPublisher(
    state,
    subscriptions,
    delivery,
    options.renderAlert,
    now,
    warn('incident alert not delivered; retried on the next poll'),
  );
  const monitor = new IncidentMonitor({
    index: live.index,
    registry: new IncidentRegistry(state),
    publisher,
    thresholds: incidentThresholds(options.thresholds),
    now,
    // During the start-up fill a run's start is not known yet.
    ready: () => !live.poller.stats().filling,
    onError: warn('incident detection failed; tried again on the next poll'),
    onRun: options.onRun,
    ticketOf: options.tickets ? (id) => options.tickets!.existing(incidentTicketKey(id)) : undefined,
  });
  live.index.onSynced(() => monitor.trigger());
  return new IncidentService({
    monitor,
    subscriptions,
    state,
    tickets: options.tickets,
    addressAllowed,
    peopleOf: (incident) => peopleOf(live, incident),
  });
}

/** Names of the affected people, from the index's records of the incident's span. */
function peopleOf(live: LiveSignIns, incident: Incident): AffectedPerson[] {
  const wanted = new Set(incident.userIds);
  const found = new Map<string, AffectedPerson>();
  for (const entry of live.index.recordsBetween(incident.since.getTime(), incident.lastFailure.getTime(), true)) {
    const id = entry.user.userId?.toLowerCase();
    if (!id || !wanted.has(id) || found.has(id)) continue;
    found.set(id, { name: entry.user.userDisplayName ?? '?', upn: entry.user.userPrincipalName ?? '' });
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}
