/**
 * "Did anyone try to get into my account?": the failed attempts from places the person does not sign
 * in from (a country with no successful sign-in of theirs in the window), grouped by place. Background
 * token refreshes are left out (they are the person's own devices). No words.
 */
import type { FailureCategory } from '../shared/types';
import { categoryOf } from './categories';
import type { Diagnosis, Failure } from './diagnose';

export interface PlaceTried {
  country: string;
  city: string | null;
  ip: string | null;
  count: number;
  first: Date;
  last: Date;
  apps: string[];
  /** Client apps that are not a browser or a Microsoft client ("Python Requests", IMAP4 …). */
  clients: string[];
}

export interface IntrusionFacts {
  /** Newest first. */
  attempts: Failure[];
  places: PlaceTried[];
  /** Countries the person signed in from successfully in the window. */
  homeCountries: string[];
}

/** `d` diagnosed without a category (its successes are the home places); `category` narrows the attempts only. */
export function intrusionFacts(d: Diagnosis, category: FailureCategory | null = null): IntrusionFacts {
  const home = new Set<string>();
  for (const a of d.attempts) {
    const country = a.final.location?.countryOrRegion;
    if (country && (a.outcome === 'succeeded' || a.outcome === 'promptedThenSucceeded')) home.add(country);
  }
  // With no success anywhere, nothing is "unfamiliar": the answer says so rather than guess.
  const attempts =
    home.size === 0
      ? []
      : d.failures.filter(
          (f) =>
            !f.background &&
            f.record.location?.countryOrRegion &&
            !home.has(f.record.location.countryOrRegion) &&
            (category === null || categoryOf(f.record) === category),
        );
  const byPlace = new Map<string, PlaceTried>();
  for (const f of attempts) {
    const r = f.record;
    const key = `${r.location!.countryOrRegion}|${r.location?.city ?? ''}`;
    const place = byPlace.get(key) ?? {
      country: r.location!.countryOrRegion!,
      city: r.location?.city || null,
      ip: r.ipAddress ?? null,
      count: 0,
      first: f.at,
      last: f.at,
      apps: [],
      clients: [],
    };
    place.count++;
    if (f.at < place.first) place.first = f.at;
    if (f.at > place.last) place.last = f.at;
    if (r.appDisplayName && !place.apps.includes(r.appDisplayName)) place.apps.push(r.appDisplayName);
    const client = f.scriptedClient ?? r.clientAppUsed ?? '';
    if (client && !/^(browser|mobile apps and desktop clients)$/i.test(client) && !place.clients.includes(client))
      place.clients.push(client);
    byPlace.set(key, place);
  }
  return {
    attempts,
    places: [...byPlace.values()].sort((a, b) => b.count - a.count || b.last.getTime() - a.last.getTime()),
    homeCountries: [...home],
  };
}
