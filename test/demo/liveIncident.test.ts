/**
 * The demo tenant's live incident: a Conditional Access policy blocking Finance from Contoso
 * Expenses since this morning, with new failures every minute reaching the log late; the Playground's
 * six people unchanged; a Finance person asking "why can't I sign in?" finds the 53003.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DemoTenant } from '../../src/demo/tenant';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { createGraphClient } from '../../src/graph/client';
import { DemoTenantTransport, demoAuthProvider } from '../../src/demo/graphTransport';
import {
  LIVE_INCIDENT,
  affectedPeople,
  startLiveIncident,
  switchedOnAt,
  withLiveIncident,
} from '../../src/demo/liveIncident';
import { cardsIn, postActivity, teamsMessage } from '../../src/tools/activities';
import { startApp } from '../support/app';

const NOW = new Date('2026-11-27T10:00:00Z');
const MINUTE = 60_000;
const isIncident = (r: SignIn) =>
  r.status?.errorCode === 53003 &&
  r.appDisplayName === LIVE_INCIDENT.app.appDisplayName &&
  (r.appliedConditionalAccessPolicies ?? []).some((p) => p.id === LIVE_INCIDENT.policy.id);

describe('the tenant with the live incident', () => {
  const tenant = new DemoTenant(withLiveIncident({ now: NOW }));
  const failures = tenant.signIns.filter(isIncident);

  test('a department of at least 20 people, every one of them blocked since 08:00 Amsterdam time (07:00 UTC)', () => {
    const department = affectedPeople(tenant.people);
    expect(department.length).toBeGreaterThanOrEqual(20);
    expect(new Set(failures.map((r) => r.userId))).toEqual(new Set(department.map((p) => p.id)));
    expect(switchedOnAt(NOW.getTime())).toBe(Date.parse('2026-11-27T07:00:00Z'));
    const times = failures.map((r) => Date.parse(r.createdDateTime!));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse('2026-11-27T07:00:00Z'));
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
    expect(failures.length).toBeGreaterThan(department.length * 2);
  });

  test('the records are shaped as Graph writes a Conditional Access block', () => {
    for (const r of failures) {
      expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.correlationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.createdDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect([
        r.conditionalAccessStatus,
        r.appId,
        r.status?.errorCode,
        r.deviceDetail?.isManaged,
        r.deviceDetail?.isCompliant,
      ]).toEqual(['failure', LIVE_INCIDENT.app.appId, 53003, false, false]);
      expect(r.status?.failureReason).toMatch(/Conditional Access/);
      const [policy] = r.appliedConditionalAccessPolicies!.filter((p) => p.result === 'failure');
      expect(policy).toEqual({
        ...LIVE_INCIDENT.policy,
        enforcedGrantControls: ['Block'],
        enforcedSessionControls: [],
        result: 'failure',
      });
      expect(tenant.people.find((p) => p.id === r.userId)?.department).toBe('Finance');
    }
  });

  test("the Playground's six people have exactly the records of the tenant without the incident", () => {
    const plain = new DemoTenant({ now: NOW });
    const six = new Set(DEMO_PEOPLE.slice(0, 6).map((p) => p.id));
    const theirs = (t: DemoTenant) => t.signIns.filter((r) => six.has(String(r.userId)));
    expect(theirs(tenant)).toEqual(theirs(plain));
  });
});

describe('while the process runs', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('new failures arrive every minute, each 1–3 minutes after it happened, readable through Graph; none after stop', async () => {
    let now = NOW.getTime();
    const tenant = new DemoTenant(withLiveIncident({ now: NOW }));
    const held = new Set(tenant.signIns.map((r) => r.id));
    const run = startLiveIncident(tenant, { clock: () => now, seed: 3 });
    const lags: number[] = [];
    for (let minute = 1; minute <= 5; minute++) {
      now += MINUTE;
      jest.advanceTimersByTime(MINUTE);
      const fresh = tenant.signIns.filter((r) => !held.has(r.id));
      expect(fresh.length).toBeGreaterThanOrEqual(1);
      for (const r of fresh) {
        expect(isIncident(r)).toBe(true);
        lags.push(now - Date.parse(r.createdDateTime!));
        held.add(r.id);
      }
    }
    expect(lags.length).toBe(run.written());
    expect(Math.min(...lags)).toBeGreaterThanOrEqual(MINUTE - 1000);
    expect(Math.max(...lags)).toBeLessThanOrEqual(3 * MINUTE + 1000);
    run.stop();
    const written = run.written();
    jest.advanceTimersByTime(10 * MINUTE);
    expect(run.written()).toBe(written);

    jest.useRealTimers();
    const client = createGraphClient({
      endpoint: 'https://graph.microsoft.com',
      authProvider: demoAuthProvider,
      transport: new DemoTenantTransport(tenant),
    });
    const from = new Date(NOW.getTime() - 3 * MINUTE).toISOString();
    const page = (await client
      .api('/auditLogs/signIns')
      .filter(`createdDateTime ge ${from} and status/errorCode eq 53003`)
      .get()) as { value: SignIn[] };
    expect(page.value.filter(isIncident).length).toBeGreaterThanOrEqual(written);
  });
});

test('over HTTP, a Finance person asking "why can\'t I sign in?" gets the Conditional Access block on Contoso Expenses', async () => {
  const running = await startApp({}, { demoTenant: new DemoTenant(withLiveIncident({ now: NOW })) });
  try {
    const pradeep = DEMO_PEOPLE.find((p) => p.displayName === 'Pradeep Gupta')!;
    expect(pradeep.department).toBe('Finance');
    const cards = cardsIn(
      await postActivity(
        running.url,
        teamsMessage("why can't I sign in?", {
          aadObjectId: pradeep.id,
          name: pradeep.displayName,
          conversationId: 'a:live-incident',
        }),
      ),
    );
    const json = JSON.stringify(cards);
    expect(json).toContain('53003');
    expect(json).toContain('Contoso Expenses');
  } finally {
    await running.stop();
  }
});
