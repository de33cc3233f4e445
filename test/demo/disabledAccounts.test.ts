/**
 * A disabled account cannot sign in: once an administrator disables it, every attempt, interactive or a background
 * token refresh, fails with AADSTS50057 UserDisabled ("The user account is disabled", Microsoft Entra
 * authentication and authorization error codes; /work/shared/reference/aadsts-codes.tsv). The demo tenant's
 * disabled people (Miriam Graham, Ben Walters) show exactly that: before the "Disable account" entry of the
 * directory audit log (read through the real Graph client) their sign-ins may succeed, after it none does.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DemoTenant } from '../../src/demo/tenant';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { delegatedToken, graphWithToken } from '../support/delegated';

const NOW = new Date('2026-11-27T10:00:00Z');
const ALEX = '00000000-0000-0000-0000-0000000000020'; // a Reports Reader: may read the directory audit log
const tenant = new DemoTenant({ now: NOW, clock: () => NOW.getTime() + 60_000, nonInteractivePerDay: 120 });
const disabled = DEMO_PEOPLE.filter((p) => !p.accountEnabled);

const at = (r: SignIn) => Date.parse(String(r.createdDateTime));
const background = (r: SignIn) => r.isInteractive === false;

async function disabledAt(userId: string): Promise<number> {
  const audits = (await graphWithToken(tenant, delegatedToken(tenant, ALEX))
    .api('/auditLogs/directoryAudits')
    .filter(`activityDisplayName eq 'Disable account' and targetResources/any(t: t/id eq '${userId}')`)
    .get()) as { value: { activityDateTime: string }[] };
  expect(audits.value).toHaveLength(1);
  return Date.parse(audits.value[0].activityDateTime);
}

test('the demo has disabled people (Miriam Graham among them)', () => {
  expect(disabled.map((p) => p.displayName)).toContain('Miriam Graham');
});

describe.each(disabled.map((p) => [p.displayName, p] as const))('%s', (_name, person) => {
  const theirs = () => tenant.signIns.filter((r) => r.userId === person.id);

  it('after the "Disable account" entry every sign-in, interactive and background, fails with 50057', async () => {
    const since = await disabledAt(person.id);
    const after = theirs().filter((r) => at(r) > since);
    expect(after.filter((r) => !background(r)).length).toBeGreaterThan(0);
    expect(after.filter(background).length).toBeGreaterThan(0);
    expect(after.filter((r) => r.status?.errorCode !== 50057)).toEqual([]);
  });

  it('before it the account worked: successes, and no refusal as disabled', async () => {
    const since = await disabledAt(person.id);
    const before = theirs().filter((r) => at(r) <= since);
    expect(before.some((r) => r.status?.errorCode === 0)).toBe(true);
    expect(before.filter((r) => r.status?.errorCode === 50057)).toEqual([]);
  });

  it('the disable is within the log, and the first refusal follows it', async () => {
    const since = await disabledAt(person.id);
    expect(since).toBeGreaterThan(NOW.getTime() - 30 * 86_400_000);
    expect(since).toBeLessThan(NOW.getTime());
    const refusals = theirs().filter((r) => r.status?.errorCode === 50057);
    expect(Math.min(...refusals.map(at))).toBeGreaterThan(since);
  });
});
