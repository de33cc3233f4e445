/**
 * The live index's span in one line, for the start-up log and the doctor: what it holds and how far
 * its fill has come ("7 days kept, 12,345 sign-ins, 85 MB"; "24 h so far, extending to 7 days";
 * "stopped at 3 days: memory budget …"). The span told is what the index actually covers, never
 * what it was asked to.
 */
import type { LiveIndexStats } from './memoryIndex';
import type { SpanProgress } from './poller';

const HOUR = 3_600_000;

/** Whole days from 48 h up, else hours. */
export function spanWords(hours: number): string {
  if (hours >= 47.5) {
    const days = Math.round(hours / 24);
    return `${days} days`;
  }
  return `${Math.max(0, Math.round(hours))} h`;
}

export interface SpanReport {
  state: SpanProgress['state'] | 'following';
  /** Hours actually covered now (0 before the first page). */
  coveredHours: number;
  targetHours: number;
  records: number;
  megabytes: number;
  /** The line itself. */
  text: string;
}

/** `progress` null: an instance that follows what the reading instance publishes (it fills nothing itself). */
export function spanReport(progress: SpanProgress | null, stats: LiveIndexStats, now: number): SpanReport {
  const coveredHours = stats.coveredFrom ? (now - stats.coveredFrom.getTime()) / HOUR : 0;
  const held = `${stats.records.toLocaleString('en-US')} sign-ins, ${Math.round(stats.bytes / 1024 ** 2)} MB`;
  const span = spanWords(coveredHours);
  if (progress === null)
    return {
      state: 'following',
      coveredHours,
      targetHours: stats.spanHours,
      records: stats.records,
      megabytes: stats.bytes / 1024 ** 2,
      text: `${span} held, as the instance that reads the log published it; ${held}`,
    };
  const target = spanWords(progress.targetHours);
  const text = {
    filling:
      progress.targetHours > progress.firstHours
        ? `${span} so far, filling the newest ${spanWords(progress.firstHours)} first, then extending to ${target}; ${held}`
        : `${span} so far, filling ${target}; ${held}`,
    extending: `${span} so far, extending to ${target}; ${held}`,
    done: `${span} kept, ${held}`,
    budget: `stopped at ${span}: memory budget (SIGNIN_INDEX_MAX_MB); ${held}`,
    failed: `stopped at ${span}: the sign-in log's pages kept failing (older days are read per question); ${held}`,
  }[progress.state];
  return {
    state: progress.state,
    coveredHours,
    targetHours: progress.targetHours,
    records: stats.records,
    megabytes: stats.bytes / 1024 ** 2,
    text,
  };
}
