/**
 * Narrowing the records read to a country, a device platform or guests. Graph's $filter on signIns can say
 * neither "not from this country" nor "a phone" nor "a guest", so these are applied to the records read (after the
 * server-side filters), the same for the live index and a direct read. A filter the records cannot
 * answer is returned as unapplied, for the card to say.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { isGuestSignIn } from '../shared/signInTenants';
import type { Platform } from './tenantWords';
import type { ResolvedQuery, UnappliedFilter } from './types';

/** deviceDetail.operatingSystem as Graph logs it ("Ios", "Android", "Windows10", "MacOs", "Linux"). */
const PLATFORM_OS: Record<Platform, RegExp> = {
  mobile: /^(ios|ipados|android|windows ?phone)/i,
  ios: /^(ios|ipados)/i,
  android: /^android/i,
  windows: /^windows(?! ?phone)/i,
  macos: /^mac ?os/i,
  linux: /^linux/i,
};

/** The country most successful sign-ins came from: what "abroad" is measured against. */
function usualCountry(records: SignIn[]): string | null {
  const counts = new Map<string, number>();
  for (const r of records) {
    const c = r.location?.countryOrRegion?.toUpperCase();
    if (c && (r.status?.errorCode ?? 0) === 0) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

export function narrow(records: SignIn[], query: ResolvedQuery): { records: SignIn[]; unapplied: UnappliedFilter[] } {
  let kept = records;
  const unapplied: UnappliedFilter[] = [];
  const country = query.country;
  const code = country ? (country.code ?? usualCountry(records)) : null;
  if (country && !code) unapplied.push({ kind: 'country', text: 'abroad' });
  if (country && code) {
    kept = kept.filter((r) => {
      const logged = r.location?.countryOrRegion?.toUpperCase();
      // A record without a country is neither in nor outside it: it is left out either way.
      return logged ? (logged === code) !== country.outside : false;
    });
  }
  const platform = query.platform;
  if (platform) {
    const known = kept.filter((r) => r.deviceDetail?.operatingSystem);
    // No record says its device's platform (the log's device part is not kept): say so rather than answer for every device.
    if (known.length === 0 && kept.length > 0) unapplied.push({ kind: 'platform', text: platform });
    else kept = known.filter((r) => PLATFORM_OS[platform].test(r.deviceDetail!.operatingSystem!));
  }
  if (query.guests) {
    // A guest signs in from another organisation: its home tenant is not the one signed in to (homeTenantId and
    // resourceTenantId, Graph v1.0 signIn). Records that do not carry both cannot say, and the card says so.
    const known = kept.filter((r) => isGuestSignIn(r) !== null);
    if (known.length === 0 && kept.length > 0) unapplied.push({ kind: 'guests', text: 'guests' });
    else kept = known.filter((r) => isGuestSignIn(r) === true);
  }
  return { records: kept, unapplied };
}
