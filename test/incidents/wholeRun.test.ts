/**
 * Issue 22: an incident that began before detection's lookback gets the whole run's "since" from the
 * older records the live index holds, read once per run; a run reaching the index's oldest record
 * stays "or earlier".
 */
import { IncidentMonitor, type IncidentSource } from '../../src/incidents/monitor';
import { IncidentRegistry } from '../../src/incidents/registry';
import { incidentThresholds } from '../../src/incidents/thresholds';
import type { IndexedSignIn } from '../../src/signins/live/compactSignIn';
import { MemoryStateStore } from '../../src/state';

const NOW = Date.parse('2026-11-27T14:00:00Z');
const MIN = 60_000;
const POLICY = 'Block unmanaged devices – Finance apps';

/** A failure every 2 minutes, rotating over 8 people, from `startMinutesAgo` until now. */
function blocked(startMinutesAgo: number): IndexedSignIn[] {
  const out: IndexedSignIn[] = [];
  for (let m = startMinutesAgo, i = 0; m >= 0; m -= 2, i++) {
    out.push({
      time: NOW - m * MIN,
      user: { userId: `user-${i % 8}` },
      app: { appDisplayName: 'Contoso Expenses' },
      network: { ipAddress: `198.51.100.${i % 8}` },
      outcome: {
        status: { errorCode: 53003 },
        appliedConditionalAccessPolicies: [
          { displayName: POLICY, result: 'failure', enforcedGrantControls: ['Block'] },
        ],
      },
    } as unknown as IndexedSignIn);
  }
  return out;
}

function monitorOver(records: IndexedSignIn[], coverageStart: number | (() => number)) {
  const reads: Array<[number, number]> = [];
  const index: IncidentSource = {
    recordsBetween: (from, to) => {
      reads.push([from, to]);
      return records.filter((r) => r.time >= from && r.time <= to);
    },
    coverageStart: typeof coverageStart === 'number' ? () => coverageStart : coverageStart,
  };
  const monitor = new IncidentMonitor({
    index,
    registry: new IncidentRegistry(new MemoryStateStore(() => NOW)),
    publisher: null,
    thresholds: incidentThresholds(),
    now: () => NOW,
  });
  return { monitor, reads };
}

test('a run that began 10 hours ago (lookback 6) is shown from its first failure, not as "or earlier"; the older records are read once', async () => {
  const { monitor, reads } = monitorOver(blocked(600), NOW - 24 * 60 * MIN);
  const [incident] = await monitor.runOnce();
  expect(incident.policy).toBe(POLICY);
  expect(incident.since.getTime()).toBe(NOW - 600 * MIN);
  expect(incident.sinceCutOffHours).toBeUndefined();
  await monitor.runOnce();
  const older = reads.filter(([from]) => from === NOW - 24 * 60 * MIN);
  expect(older).toHaveLength(1);
});

test('a run that reaches back to the oldest record held stays "or earlier"', async () => {
  const { monitor } = monitorOver(blocked(600), NOW - 8 * 60 * MIN);
  const [incident] = await monitor.runOnce();
  expect(incident.since.getTime()).toBe(NOW - 480 * MIN);
  expect(incident.sinceCutOffHours).toBe(8);
});

test('a run that began inside the lookback reads nothing older', async () => {
  const { monitor, reads } = monitorOver(blocked(120), NOW - 24 * 60 * MIN);
  const [incident] = await monitor.runOnce();
  expect(incident.since.getTime()).toBe(NOW - 120 * MIN);
  expect(incident.sinceCutOffHours).toBeUndefined();
  expect(reads.filter(([from]) => from === NOW - 24 * 60 * MIN)).toHaveLength(0);
});

test('a run cut off where the index began gets its whole start once the index reaches further back (SIGNIN_INDEX_HOURS=auto), read once per step', async () => {
  let coveredFrom = NOW - 24 * 60 * MIN;
  const { monitor, reads } = monitorOver(blocked(30 * 60), () => coveredFrom);
  const [first] = await monitor.runOnce();
  expect(first.since.getTime()).toBe(NOW - 24 * 60 * MIN);
  expect(first.sinceCutOffHours).toBe(24);
  await monitor.runOnce();
  expect(reads.filter(([from]) => from === NOW - 24 * 60 * MIN)).toHaveLength(1);
  // The backward fill has reached 48 h: the run's first failure, 30 h ago, and no longer "or earlier".
  coveredFrom = NOW - 48 * 60 * MIN;
  const [whole] = await monitor.runOnce();
  expect(whole.since.getTime()).toBe(NOW - 30 * 60 * MIN);
  expect(whole.sinceCutOffHours).toBeUndefined();
  await monitor.runOnce();
  expect(reads.filter(([from]) => from === NOW - 48 * 60 * MIN)).toHaveLength(1);
});
