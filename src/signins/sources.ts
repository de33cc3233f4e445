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
  live: Pick<
    LiveSignInsOptions,
    'intervalMs' | 'overlapMs' | 'maxRecords' | 'maxBytes' | 'now' | 'onError' | 'onSpan' | 'shared'
  >,
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
      settings.signInIndexHours !== 0
        ? startLiveSignIns(graph, direct, {
            ...indexSpan(settings),
            pageSize: 1000,
            maxPages: settings.maxSignInPages,
            eventTypes: settings.signInEventTypes,
            ...live,
          })
        : null,
  };
}

/** SIGNIN_INDEX_HOURS=auto's span: the newest day first, then back to 7 days while the index stays under SIGNIN_INDEX_MAX_MB. */
export const AUTO_INDEX_SPAN = { firstHours: 24, mostHours: 168 };

/** SIGNIN_INDEX_HOURS as the live index's span: a fixed number of hours, or auto's (AUTO_INDEX_SPAN within the budget). */
export function indexSpan(
  settings: Pick<Config['graph'], 'signInIndexHours' | 'signInIndexMaxMb'>,
): Pick<LiveSignInsOptions, 'hours' | 'extendToHours' | 'budgetBytes'> {
  return settings.signInIndexHours === 'auto'
    ? {
        hours: AUTO_INDEX_SPAN.firstHours,
        extendToHours: AUTO_INDEX_SPAN.mostHours,
        budgetBytes: settings.signInIndexMaxMb * 1024 ** 2,
      }
    : { hours: settings.signInIndexHours };
}
