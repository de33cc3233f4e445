/** Builds the live sign-in index, its poller and the source questions read, from the settings. */
import type { Client } from '@microsoft/microsoft-graph-client';
import { userKinds, type SignInSource } from '../signInLog';
import { type SignInEventType } from '../../shared/types';
import { IndexedSignInSource } from './indexOrGraphSource';
import { LiveSignInIndex } from './memoryIndex';
import { SignInPoller, type SpanProgress } from './poller';
import { ObservedIndex, type RecordsListener } from './notifyingIndex';
import { spanReport, type SpanReport } from './spanReport';
import { SharedReading, type ReadingRole, type SharedReadingOptions, type SharedReadingStats } from './singleReader';

export type { RecordsListener, RecordsOrigin } from './notifyingIndex';

export interface LiveSignInsOptions {
  /** Hours filled first (SIGNIN_INDEX_HOURS; with auto 24). */
  hours: number;
  /** SIGNIN_INDEX_HOURS=auto: then extended back day by day up to these hours, within `budgetBytes`. */
  extendToHours?: number;
  budgetBytes?: number;
  /** The direct read's page size and cap (an index answer holds no more than it would). */
  pageSize: number;
  maxPages: number;
  /** SIGNIN_EVENT_TYPES: the index holds their user kinds; tenant-wide questions that need the others read Graph. */
  eventTypes?: readonly SignInEventType[];
  intervalMs?: number;
  overlapMs?: number;
  maxRecords?: number;
  maxBytes?: number;
  now?: () => number;
  onError?: (error: unknown, phase: 'fill' | 'poll') => void;
  /** Told the span and its fill's progress whenever that moves on (the start-up log). */
  onSpan?: (span: SpanReport) => void;
  /**
   * Several instances on one state store: only the holder of the tenant's lease reads the log and
   * publishes it to the store; the others fill their index from there (singleReader.ts). Without
   * it this instance reads the log itself (one instance, or the in-process demo tenant).
   */
  shared?: Omit<SharedReadingOptions, 'hours' | 'followEveryMs'> & { followEveryMs?: number };
}

export interface LiveSignIns {
  index: LiveSignInIndex;
  /** This instance's poller while it reads the log (an idle one while another instance does). */
  readonly poller: SignInPoller;
  source: IndexedSignInSource;
  /** The span held and its fill's progress (the start-up log, the doctor at start-up). */
  span(): SpanReport;
  /** 'alone': reads the log itself, unshared; 'leader' / 'follower': see singleReader.ts. */
  role(): ReadingRole;
  /** Sharing figures (null when alone). */
  sharing(): SharedReadingStats | null;
  /**
   * Told the records new to the index, whether this instance read them from Graph or applied them
   * from the store: incident detection listens here on every instance. Returns the unsubscribe.
   */
  onRecords(listener: RecordsListener): () => void;
  stop(): Promise<void>;
}

/** Defaults: a poll every 30 s re-reading 5 minutes (the log's p99 delay); 25 M records or 1.5 GiB at most. */
export const LIVE_INDEX_DEFAULTS = {
  intervalMs: 30_000,
  overlapMs: 5 * 60_000,
  maxRecords: 25_000_000,
  maxBytes: 1.5 * 1024 ** 3,
};

export function startLiveSignIns(client: Client, fallback: SignInSource, options: LiveSignInsOptions): LiveSignIns {
  const settings = {
    ...options,
    intervalMs: options.intervalMs ?? LIVE_INDEX_DEFAULTS.intervalMs,
    overlapMs: options.overlapMs ?? LIVE_INDEX_DEFAULTS.overlapMs,
    maxRecords: options.maxRecords ?? LIVE_INDEX_DEFAULTS.maxRecords,
    maxBytes: options.maxBytes ?? LIVE_INDEX_DEFAULTS.maxBytes,
  };
  const index = new LiveSignInIndex({
    hours: settings.hours,
    maxRecords: settings.maxRecords,
    maxBytes: settings.maxBytes,
    budgetBytes: settings.budgetBytes,
    // Three missed polls and questions go back to reading Graph themselves.
    maxStalenessMs: 3 * settings.intervalMs,
    now: settings.now,
  });
  const observed = new ObservedIndex(index);
  const now = settings.now ?? Date.now;
  const newPoller = () =>
    new SignInPoller(client, observed, {
      hours: settings.hours,
      intervalMs: settings.intervalMs,
      overlapMs: settings.overlapMs,
      pageSize: 1000,
      now: settings.now,
      onError: settings.onError,
      extendToHours: settings.extendToHours,
      budgetBytes: settings.budgetBytes,
      onProgress: (progress: SpanProgress) => settings.onSpan?.(spanReport(progress, index.stats(), now())),
      eventTypes: (() => {
        const kinds = userKinds(settings.eventTypes ?? ['interactiveUser']);
        return kinds.length > 0 ? kinds : ['interactiveUser' as const];
      })(),
    });
  const source = new IndexedSignInSource(index, fallback, {
    pageSize: settings.pageSize,
    maxPages: settings.maxPages,
    tenantWideNeedsGraph: (settings.eventTypes ?? []).some((t) => t === 'servicePrincipal' || t === 'managedIdentity'),
  });
  const onRecords = (listener: RecordsListener) => observed.onRecords(listener);
  if (!options.shared) {
    const poller = newPoller();
    poller.start();
    return {
      index,
      poller,
      source,
      span: () => spanReport(poller.stats().span, index.stats(), now()),
      role: () => 'alone',
      sharing: () => null,
      onRecords,
      stop: () => poller.stop(),
    };
  }
  // An instance that follows holds what the reader publishes, as far back as the reader extends.
  if (settings.extendToHours !== undefined) index.setSpanHours(settings.extendToHours);
  const shared = new SharedReading(
    observed,
    () => {
      const poller = newPoller();
      poller.start();
      return poller;
    },
    {
      ...options.shared,
      hours: settings.extendToHours ?? settings.hours,
      followEveryMs: options.shared.followEveryMs ?? settings.intervalMs,
    },
  );
  shared.start();
  const idle = newPoller();
  return {
    index,
    source,
    onRecords,
    get poller() {
      return shared.currentPoller() ?? idle;
    },
    span: () => {
      const reading = shared.currentPoller();
      return spanReport(reading ? reading.stats().span : null, index.stats(), now());
    },
    role: () => shared.role(),
    sharing: () => shared.stats(),
    stop: () => shared.stop(),
  };
}
