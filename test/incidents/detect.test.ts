import { loadConfig } from '../../src/config';
import { detectIncidents } from '../../src/incidents/detect';
import { incidentThresholds } from '../../src/incidents/thresholds';
import type { FailureRecord } from '../../src/incidents/types';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const MIN = 60_000;
const t = incidentThresholds({
  appFailing: { minPeople: 5 },
  codeFailing: { minPeople: 5 },
  policyFailing: { minPeople: 5 },
});

function failure(minutesAgo: number, user: number, over: Partial<FailureRecord> = {}): FailureRecord {
  return {
    time: NOW - minutesAgo * MIN,
    userId: `user-${user}`,
    app: 'Workday',
    code: 50105,
    ipAddress: `10.0.0.${user}`,
    failedPolicies: [],
    ...over,
  };
}

describe('incident detection', () => {
  it('finds one app failing for many distinct people, with what they share, since when, how many and the trend', () => {
    const records = Array.from({ length: 8 }, (_, i) => failure(12 - i, i));
    const [incident, ...rest] = detectIncidents(records, NOW, t);
    expect(rest).toHaveLength(0);
    expect(incident).toMatchObject({ kind: 'app', app: 'Workday', code: 50105, people: 8, resolved: false });
    expect(incident.since.getTime()).toBe(NOW - 12 * MIN);
    expect(incident.lastFailure.getTime()).toBe(NOW - 5 * MIN);
    expect(incident.trend.reduce((a, b) => a + b, 0)).toBe(8);
    // Buckets of 5 minutes ending now: (15,10] ago holds 12, 11, 10; (10,5] holds 9 … 5.
    expect(incident.trend).toEqual([0, 0, 0, 3, 5, 0]);
  });

  it('says when a run may have begun before the hours it looks back (its first failure is near their start), and not otherwise', () => {
    const lookbackMinutes = t.lookbackHours * 60;
    // One failure every 3 minutes from the lookback's first minutes to now: the run was going on before.
    const longRunning = Array.from({ length: lookbackMinutes / 3 }, (_, i) =>
      failure(lookbackMinutes - 1 - i * 3, i % 12),
    );
    const [cut] = detectIncidents(longRunning, NOW, t);
    expect(cut.since.getTime()).toBe(NOW - (lookbackMinutes - 1) * MIN);
    expect(cut.sinceCutOffHours).toBe(t.lookbackHours);
    const [recent] = detectIncidents(
      Array.from({ length: 8 }, (_, i) => failure(12 - i, i)),
      NOW,
      t,
    );
    expect(recent.sinceCutOffHours).toBeUndefined();
  });

  it('does not count one person failing many times, nor interrupts', () => {
    const samePerson = Array.from({ length: 20 }, (_, i) => failure(i, 1));
    const interrupts = Array.from({ length: 20 }, (_, i) => failure(i, i, { code: 50074 }));
    expect(detectIncidents([...samePerson, ...interrupts], NOW, t)).toEqual([]);
  });

  it('stays below the threshold when the people are spread wider than the window', () => {
    // One new person every 10 minutes: never 5 within 15 minutes, but one run (quiet period 15).
    const records = Array.from({ length: 8 }, (_, i) => failure(80 - i * 10, i));
    expect(detectIncidents(records, NOW, t)).toEqual([]);
  });

  it('names the Conditional Access policy and its unmet control rather than three incidents for one cause', () => {
    const policy = [{ name: 'Block Sales from Workday', controls: ['compliantDevice'] }];
    const records = Array.from({ length: 6 }, (_, i) => failure(10 - i, i, { code: 53003, failedPolicies: policy }));
    const incidents = detectIncidents(records, NOW, t);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      kind: 'policy',
      policy: 'Block Sales from Workday',
      unmetControl: 'compliantDevice',
      app: 'Workday',
      code: 53003,
      people: 6,
    });
  });

  it('finds a password spray: one address, many accounts, 50126', () => {
    const records = Array.from({ length: 7 }, (_, i) =>
      failure(9 - i, i, { code: 50126, ipAddress: '203.0.113.9', app: i % 2 ? 'Outlook' : 'Teams' }),
    );
    const incidents = detectIncidents(records, NOW, t);
    expect(incidents.map((i) => i.kind)).toEqual(['password-spray']);
    expect(incidents[0].people).toBe(7);
    expect(JSON.stringify(incidents[0])).not.toContain('203.0.113.9');
  });

  it('finds a lockout wave: 50053 for many people, from many addresses', () => {
    const records = Array.from({ length: 5 }, (_, i) => failure(5, i, { code: 50053, app: `App ${i}` }));
    expect(detectIncidents(records, NOW, t).map((i) => i.kind)).toEqual(['lockout-wave']);
  });

  it('marks an incident resolved after the quiet period, and keeps its id', () => {
    const records = Array.from({ length: 6 }, (_, i) => failure(30 - i, i));
    const open = detectIncidents(records, NOW - 20 * MIN, t)[0];
    const later = detectIncidents(records, NOW, t)[0];
    expect(open.resolved).toBe(false);
    expect(later.resolved).toBe(true);
    expect(later.id).toBe(open.id);
  });

  it('reads its thresholds as data: a higher threshold finds nothing', () => {
    const records = Array.from({ length: 8 }, (_, i) => failure(12 - i, i));
    expect(
      detectIncidents(
        records,
        NOW,
        incidentThresholds({ appFailing: { minPeople: 9 }, codeFailing: { minPeople: 9 } }),
      ),
    ).toEqual([]);
  });
});

describe('incident thresholds in PATTERN_THRESHOLDS', () => {
  it('are read under "incidents" and checked like the others', () => {
    const ok = loadConfig({
      DEMO: 'true',
      PATTERN_THRESHOLDS: '{"mfaFatigue":{"minDenied":3},"incidents":{"appFailing":{"minPeople":20}}}',
    });
    expect(ok.ok && ok.config.incidentThresholds).toEqual({ appFailing: { minPeople: 20 } });
    expect(ok.ok && ok.config.patternThresholds).toEqual({ mfaFatigue: { minDenied: 3 } });
    expect(incidentThresholds(ok.ok ? ok.config.incidentThresholds : {}).appFailing.minPeople).toBe(20);
    const bad = loadConfig({ DEMO: 'true', PATTERN_THRESHOLDS: '{"incidents":{"appFailing":{"minPeople":"many"}}}' });
    expect(bad.ok).toBe(false);
  });
});
