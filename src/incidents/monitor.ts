/**
 * Runs detection after every sync of the live index (a poll, or the leader's publication) and hands
 * the incidents to the alert publisher. One run at a time; a sync during a run asks for one more.
 * Holds the latest incidents for the questions that read them (the known-problem notice, the
 * affected people).
 */
import { detectIncidents, type DetectedIncident } from './detect';
import { wholeRunStart } from './runStart';
import { failuresOf } from './records';
import type { IncidentRegistry } from './registry';
import type { AlertPublisher } from './alerts';
import type { Incident, IncidentThresholds } from './types';
import type { IndexedSignIn } from '../signins/live/compactSignIn';
import { sameId } from '../access/policy';

export interface IncidentSource {
  /** Records created in [from, to]; with `failedOnly`, failures only. */
  recordsBetween(from: number, to: number, failedOnly?: boolean): IndexedSignIn[];
  /** Oldest time held (the live index's coverage); none: only the lookback is read. */
  coverageStart?(): number | null;
}

export interface IncidentMonitorOptions {
  index: IncidentSource;
  registry: IncidentRegistry;
  publisher: AlertPublisher | null;
  thresholds: IncidentThresholds;
  now?: () => number;
  /** While the start-up fill runs, runs start are not known yet: detection waits. */
  ready?: () => boolean;
  onError?: (error: unknown) => void;
  /** The incident's ticket, if one was opened (the ticket ledger): kept on the alert as it is updated. */
  ticketOf?: (incidentId: string) => Promise<{ reference: string; where: string } | null>;
  /** After each run (tests and the bench measure the time to an alert). */
  onRun?: (incidents: Incident[]) => void;
}

export class IncidentMonitor {
  private latest: Incident[] = [];
  /** Runs whose start was looked for before the lookback (by group): read once per run. */
  /** Each run's whole start as read, and from where (a cut-off start is read again once the index reaches further back). */
  private readonly starts = new Map<string, { since: Date; cutOffHours?: number; readFrom: number }>();
  private running: Promise<void> | null = null;
  private again = false;
  private readonly now: () => number;

  constructor(private readonly options: IncidentMonitorOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The alert publisher (none when alerts are off): "stop notifying" finishes a conversation's cards through it. */
  get publisher(): AlertPublisher | null {
    return this.options.publisher;
  }

  /** Asks for a run; coalesces with one in progress. */
  trigger(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => (this.running = null));
  }

  /** Runs detection now (and waits for any run in progress first). */
  async runOnce(): Promise<Incident[]> {
    await this.running;
    await this.run();
    return this.latest;
  }

  /** Waits for the run in progress, if any. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** The incidents of the last run, open ones first. */
  incidents(): Incident[] {
    return this.latest;
  }

  find(id: string): Incident | undefined {
    return this.latest.find((i) => i.id === id);
  }

  /** The open incident this person is caught in, if any (the largest). */
  openIncidentOf(userId: string | undefined): Incident | undefined {
    if (!userId) return undefined;
    return this.latest
      .filter((i) => !i.resolved && i.userIds.some((id) => sameId(id, userId)))
      .sort((a, b) => b.people - a.people)[0];
  }

  /**
   * A run cut off at the lookback gets its start from the older records the index holds: once per
   * run, and again when that start was cut off where the index then began and it now reaches further
   * back (SIGNIN_INDEX_HOURS=auto extends it day by day).
   */
  private withWholeRun(incident: DetectedIncident, now: number): DetectedIncident {
    if (!incident.sinceCutOffHours) return incident;
    const known = this.starts.get(incident.groupKey);
    const readFrom = this.options.index.coverageStart?.() ?? null;
    const reachesFurther = known?.cutOffHours !== undefined && readFrom !== null && readFrom < known.readFrom;
    if (!known || known.since > incident.since || reachesFurther) {
      if (readFrom === null || readFrom >= incident.since.getTime()) return incident;
      const older = failuresOf(this.options.index.recordsBetween(readFrom, incident.since.getTime() - 1, true));
      const start = wholeRunStart(incident, older, readFrom, this.options.thresholds.quietMinutes * 60_000);
      const cutOffHours = start.cutOff ? Math.max(1, Math.round((now - start.since.getTime()) / 3_600_000)) : undefined;
      this.starts.set(incident.groupKey, { since: start.since, readFrom, ...(cutOffHours ? { cutOffHours } : {}) });
      if (this.starts.size > 1000) this.starts.delete(this.starts.keys().next().value!);
    }
    const whole = this.starts.get(incident.groupKey)!;
    const { sinceCutOffHours: _cut, ...rest } = incident;
    return { ...rest, since: whole.since, ...(whole.cutOffHours ? { sinceCutOffHours: whole.cutOffHours } : {}) };
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.run();
      } catch (error) {
        this.options.onError?.(error);
      }
    } while (this.again);
  }

  private async run(): Promise<void> {
    if (this.options.ready && !this.options.ready()) return;
    const now = this.now();
    const t = this.options.thresholds;
    const records = failuresOf(this.options.index.recordsBetween(now - t.lookbackHours * 3_600_000, now, true));
    const found = detectIncidents(records, now, t);
    const settled: Incident[] = [];
    for (const incident of found) {
      const settledOne = await this.options.registry.settle(this.withWholeRun(incident, now));
      const ticket = await this.options.ticketOf?.(settledOne.id).catch(() => null);
      settled.push(
        ticket ? { ...settledOne, ticket: { reference: ticket.reference, where: ticket.where } } : settledOne,
      );
    }
    this.latest = settled.sort((a, b) => Number(a.resolved) - Number(b.resolved) || b.people - a.people);
    if (this.options.publisher) await this.options.publisher.publish(settled);
    this.options.onRun?.(settled);
  }
}
