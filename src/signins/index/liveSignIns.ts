/** Builds the live sign-in index, its poller and the source questions read, from the settings. */
import type { Client } from '@microsoft/microsoft-graph-client';
import { readsFor, type SignInEventType, type SignInSource } from '../signInLog';
import { IndexedSignInSource } from './indexedSignInSource';
import { LiveSignInIndex } from './liveIndex';
import { SignInPoller } from './poller';

export interface LiveSignInsOptions {
  hours: number;
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
}

export interface LiveSignIns {
  index: LiveSignInIndex;
  poller: SignInPoller;
  source: IndexedSignInSource;
  stop(): Promise<void>;
}

/** Defaults: a poll every 30 s re-reading 5 minutes (the log's p99 delay); 25 M records or 1.5 GiB at most. */
export const LIVE_INDEX_DEFAULTS = { intervalMs: 30_000, overlapMs: 5 * 60_000, maxRecords: 25_000_000, maxBytes: 1.5 * 1024 ** 3 };

export function startLiveSignIns(client: Client, fallback: SignInSource, options: LiveSignInsOptions): LiveSignIns {
  const settings = {
    ...options,
    intervalMs: options.intervalMs ?? LIVE_INDEX_DEFAULTS.intervalMs,
    overlapMs: options.overlapMs ?? LIVE_INDEX_DEFAULTS.overlapMs,
    maxRecords: options.maxRecords ?? LIVE_INDEX_DEFAULTS.maxRecords,
    maxBytes: options.maxBytes ?? LIVE_INDEX_DEFAULTS.maxBytes,
  };
  const index = new LiveSignInIndex({
    hours: settings.hours, maxRecords: settings.maxRecords, maxBytes: settings.maxBytes,
    // Three missed polls and questions go back to reading Graph themselves.
    maxStalenessMs: 3 * settings.intervalMs, now: settings.now,
  });
  const poller = new SignInPoller(client, index, {
    hours: settings.hours, intervalMs: settings.intervalMs, overlapMs: settings.overlapMs, pageSize: 1000, now: settings.now, onError: settings.onError,
    eventTypes: readsFor(settings.eventTypes ?? ['interactiveUser'], 'user')[0] ?? ['interactiveUser'],
  });
  poller.start();
  return { index, poller, source: new IndexedSignInSource(index, fallback, {
    pageSize: settings.pageSize, maxPages: settings.maxPages,
    tenantWideNeedsGraph: (settings.eventTypes ?? []).some((t) => t === 'servicePrincipal' || t === 'managedIdentity'),
  }), stop: () => poller.stop() };
}
