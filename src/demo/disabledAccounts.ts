/**
 * A disabled account cannot sign in. From the moment an administrator disables it, every attempt fails with
 * AADSTS50057 UserDisabled, "The user account is disabled" (Microsoft Learn, "Microsoft Entra authentication and
 * authorization error codes", AADSTS error codes table, 50057; shared reference aadsts-codes.tsv): the person's
 * own sign-ins and their apps' background token refreshes alike. Before it, the account worked as anyone's.
 *
 * The generator's stories are drawn without that rule; this makes each disabled person's log keep it: up to the
 * disable time (DemoPerson.disabledDaysAgo, the directory audit log's "Disable account" entry, effects.ts) no
 * refusal as disabled, after it nothing but. An app whose silent token request is refused (invalid_grant) must
 * ask the person to sign in interactively instead of retrying silently (Microsoft Learn, "Exceptions in MSAL Java",
 * MsalInteractionRequiredException: InvalidGrantError; "MsalUiRequiredException Class" for MSAL.NET): so after the
 * disable, one failing refresh per app per day (the day the app was opened), not a signed-in app's day of refreshes.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { DemoPerson } from './people';
import { REASONS, standardPolicies } from './signInCatalog';

const DAY = 86_400_000;

/** When `person`'s account was disabled (ms), for a log generated at `now`; null for an enabled account. */
export function disabledAt(person: DemoPerson, now: number): number | null {
  if (person.accountEnabled) return null;
  return now - (person.disabledDaysAgo ?? 30) * DAY;
}

const refused = (r: SignIn): SignIn => ({
  ...r,
  status: {
    errorCode: 50057,
    failureReason: REASONS[50057].failureReason,
    additionalDetails: REASONS[50057].additionalDetails ?? null,
  },
  conditionalAccessStatus: 'notApplied',
  appliedConditionalAccessPolicies: standardPolicies('notApplied'),
});

/** `records` (newest first) with each disabled person's sign-ins kept to the rule above; others' unchanged. */
export function keepDisabledAccountsOut(records: SignIn[], people: readonly DemoPerson[], now: number): SignIn[] {
  const since = new Map<string, number>();
  for (const p of people) {
    const at = disabledAt(p, now);
    if (at !== null) since.set(p.id, at);
  }
  if (since.size === 0) return records;
  const refreshedOn = new Set<string>();
  const out: SignIn[] = [];
  // Oldest first, so that the first refresh of each app and day after the disable is the one kept.
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    const disabled = r.userId ? since.get(r.userId) : undefined;
    if (disabled === undefined) {
      out.push(r);
      continue;
    }
    const at = Date.parse(String(r.createdDateTime));
    if (at <= disabled) {
      if (r.status?.errorCode !== 50057) out.push(r);
      continue;
    }
    if (r.isInteractive === false) {
      const key = `${r.userId}|${r.appId}|${Math.floor(at / DAY)}`;
      if (refreshedOn.has(key)) continue;
      refreshedOn.add(key);
    }
    out.push(refused(r));
  }
  return out.reverse();
}
