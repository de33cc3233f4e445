/**
 * One id per incident across instances and polls. Detection is stateless, and a record reaching the
 * log late can move a run's start earlier; so the first instance to see a group's incident records
 * its id under the group (create-only), and every instance adopts it for as long as that run goes
 * on. A run that starts after the recorded one ended is a new incident with a new id.
 */
import type { StateStore } from '../state/types';
import type { DetectedIncident } from './detect';
import type { Incident } from './types';

/** Kept a week after the run's last change. */
const OPEN_TTL_MS = 7 * 24 * 3_600_000;

interface GroupRecord {
  id: string;
  since: number;
  /** `since` is where detection's lookback began, not surely the run's start (types.ts Incident). */
  sinceCutOffHours?: number;
  lastFailure: number;
  resolved: boolean;
}

export class IncidentRegistry {
  constructor(private readonly store: StateStore) {}

  /** The incident with the id every instance uses for it. */
  async settle(found: DetectedIncident): Promise<Incident> {
    const key = `incidents/group-${found.groupKey}`;
    const mine: GroupRecord = {
      id: found.id,
      since: found.since.getTime(),
      ...(found.sinceCutOffHours ? { sinceCutOffHours: found.sinceCutOffHours } : {}),
      lastFailure: found.lastFailure.getTime(),
      resolved: found.resolved,
    };
    for (let attempt = 0; attempt < 5; attempt++) {
      const item = await this.store.get<GroupRecord>(key);
      if (!item) {
        if (await this.store.create(key, mine, OPEN_TTL_MS)) return withId(found, mine);
        continue;
      }
      const known = item.value;
      const sameRun = !known.resolved || mine.since <= known.lastFailure;
      if (sameRun) {
        const earlier = known.since <= mine.since ? known : mine;
        const merged: GroupRecord = {
          id: known.id,
          since: earlier.since,
          ...(earlier.sinceCutOffHours ? { sinceCutOffHours: earlier.sinceCutOffHours } : {}),
          lastFailure: Math.max(known.lastFailure, mine.lastFailure),
          resolved: mine.resolved,
        };
        // Best effort: only what changed is written; a lost race changes nothing that matters.
        if (
          merged.lastFailure !== known.lastFailure ||
          merged.resolved !== known.resolved ||
          merged.since !== known.since
        )
          await this.store.replace(key, merged, OPEN_TTL_MS, item.etag);
        return withId(found, merged);
      }
      // The recorded run ended before this one began: a new incident.
      if (await this.store.replace(key, mine, OPEN_TTL_MS, item.etag)) return withId(found, mine);
    }
    return withId(found, mine);
  }
}

function withId(found: DetectedIncident, record: GroupRecord): Incident {
  const { groupKey: _groupKey, sinceCutOffHours: _cutOff, ...incident } = found;
  const cutOffHours = record.since <= found.since.getTime() ? record.sinceCutOffHours : found.sinceCutOffHours;
  return {
    ...incident,
    id: record.id,
    since: new Date(Math.min(record.since, found.since.getTime())),
    ...(cutOffHours ? { sinceCutOffHours: cutOffHours } : {}),
  };
}
