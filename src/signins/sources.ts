/**
 * Where questions' sign-ins come from, as the settings say: direct reads of the log (identical questions
 * in flight share one read, answers kept SIGNIN_CACHE_SECONDS) and, with SIGNIN_INDEX_HOURS, the live
 * index, which answers questions about its covered span without a Graph read.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Config } from '../config';
import { CachedSignInSource } from './cachedSignInLog';
import { startLiveSignIns, type LiveSignIns, type LiveSignInsOptions } from './live/start';
import { GraphSignInLog } from './signInLog';

export interface SignInSources {
  direct: CachedSignInSource;
  /** The live index, or null when SIGNIN_INDEX_HOURS is 0. */
  live: LiveSignIns | null;
}

export function startSignInSources(
  graph: Client,
  settings: Config['graph'],
  live: Pick<LiveSignInsOptions, 'intervalMs' | 'overlapMs' | 'maxRecords' | 'maxBytes' | 'now' | 'onError' | 'shared'>,
): SignInSources {
  const direct = new CachedSignInSource(
    new GraphSignInLog(graph, {
      pageSize: 1000,
      maxPages: settings.maxSignInPages,
      eventTypes: settings.signInEventTypes,
      readTimeoutMs: settings.signInReadSeconds * 1000,
    }),
    settings.signInCacheSeconds,
  );
  return {
    direct,
    live:
      settings.signInIndexHours > 0
        ? startLiveSignIns(graph, direct, {
            hours: settings.signInIndexHours,
            pageSize: 1000,
            maxPages: settings.maxSignInPages,
            eventTypes: settings.signInEventTypes,
            ...live,
          })
        : null,
  };
}
