/**
 * Which sign-ins are "to Outlook": the one place that turns an app as people name it into a match on
 * the log's records (src/signins/appAliases.json). A first-party Microsoft app is matched by its app
 * ids and its display names, because a real tenant logs one product under several (Outlook as
 * "Microsoft Outlook", "Outlook Mobile", "One Outlook Web", "Microsoft Office", …); any other app by
 * the start of its display name. Display names are compared without regard to case.
 *
 * A known app has no server-side app filter (Graph's $filter has no documented `or` over appId, and
 * one read per app id would cost several of the tenant's 5 reads per 10 s): the person's or tenant's
 * window is read and the app picked out here. An app typed freely also goes to Graph as
 * `startswith(appDisplayName, …)`, which narrows a tenant-wide read.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import table from './appAliases.json';

interface KnownApp {
  names: string[];
  appIds: string[];
}

const APPS = new Map(Object.entries(table.apps as Record<string, KnownApp>).map(([k, v]) => [k.toLowerCase(), v]));
const ALIASES = new Map(
  Object.entries(table.aliases as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]),
);

/** How the log names an app that people asked about. */
export interface AppMatch {
  /** Lower-cased display-name starts; a record matches on any. */
  names: string[];
  /** Lower-cased app ids; a record matches on any. */
  appIds: string[];
  /** The display-name start Graph may filter on server-side, or null when the app is a known one (matched here only). */
  serverPrefix: string | null;
}

export function appMatch(app: string): AppMatch {
  const typed = app.trim();
  const key = typed.toLowerCase();
  const known = APPS.get(ALIASES.get(key) ?? key);
  if (known)
    return {
      names: known.names.map((n) => n.toLowerCase()),
      appIds: known.appIds.map((id) => id.toLowerCase()),
      serverPrefix: null,
    };
  return { names: [key], appIds: [], serverPrefix: typed };
}

/** A stable key of what an app question matches (for caches): two spellings of one app share it. */
export function appKey(app: string): string {
  const m = appMatch(app);
  return JSON.stringify([m.names, m.appIds]);
}

export function matchesApp(record: Pick<SignIn, 'appId' | 'appDisplayName'>, match: AppMatch): boolean {
  const id = String(record.appId ?? '').toLowerCase();
  if (id && match.appIds.includes(id)) return true;
  const name = String(record.appDisplayName ?? '').toLowerCase();
  return match.names.some((n) => name.startsWith(n));
}
