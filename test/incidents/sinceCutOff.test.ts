/** An incident older than detection's lookback: its alert says "or earlier", and the earliest start seen is kept. */
import { knownProblemNotice } from '../../src/cards/incidentCards';
import { renderAnswer } from '../../src/cards/render';
import { cardToText } from '../../src/cards/text';
import type { DetectedIncident } from '../../src/incidents/detect';
import { IncidentRegistry } from '../../src/incidents/registry';
import type { Incident } from '../../src/incidents/types';
import { MemoryStateStore } from '../../src/state';

const NOW = Date.parse('2026-11-27T14:00:00Z');
const MIN = 60_000;

function found(sinceMinutesAgo: number, cutOffHours?: number): DetectedIncident {
  return {
    id: `inc-${String(sinceMinutesAgo).padStart(16, '0')}`,
    groupKey: 'group-1',
    kind: 'app',
    app: 'Workday',
    since: new Date(NOW - sinceMinutesAgo * MIN),
    ...(cutOffHours ? { sinceCutOffHours: cutOffHours } : {}),
    people: 30,
    trend: [3, 4],
    trendBucketMinutes: 5,
    lastFailure: new Date(NOW - MIN),
    resolved: false,
    userIds: ['u1'],
  };
}

const alertText = (incident: Incident, language: 'en' | 'nl') =>
  cardToText(
    renderAnswer({ answer: { kind: 'incident-alert', incident }, language, audience: 'helpdesk', timeZone: 'UTC' })
      .content,
  );

describe('an incident that began before the hours detection looks back', () => {
  it('is shown as "since T or earlier", with the hours looked back, in English and Dutch', () => {
    const { groupKey: _g, ...cut } = found(359, 6);
    expect(alertText(cut, 'en')).toContain('Since: Fri 27 Nov, 08:01 (UTC) or earlier: the bot looks back 6 hours');
    expect(alertText(cut, 'nl')).toContain('of eerder: de bot kijkt 6 uur terug');
    const { groupKey: _h, ...plain } = found(30);
    expect(alertText(plain, 'en')).toContain('Since: Fri 27 Nov, 13:30 (UTC)');
    expect(alertText(plain, 'en')).not.toContain('or earlier');
  });

  it('tells an affected person "since T or earlier" too', () => {
    const problem = {
      kind: 'incident' as const,
      what: { app: 'Workday' },
      since: new Date(NOW - 359 * MIN),
      people: 30,
      resolved: false,
    };
    expect(knownProblemNotice({ ...problem, sinceOrEarlier: true }, 'en', 'UTC').line).toContain(
      'affecting 30 people since Fri 27 Nov, 08:01 or earlier.',
    );
    expect(knownProblemNotice({ ...problem, sinceOrEarlier: true }, 'nl', 'UTC').line).toContain('of eerder');
    expect(knownProblemNotice(problem, 'en', 'UTC').line).not.toContain('or earlier');
  });

  it('keeps the earliest start seen and whether that start was cut off, as the lookback slides on', async () => {
    const registry = new IncidentRegistry(new MemoryStateStore(() => NOW));
    const first = await registry.settle(found(359, 6));
    // Ten minutes later the lookback starts ten minutes later too: detection now sees a later "since".
    const later = await registry.settle(found(349, 6));
    expect(later.id).toBe(first.id);
    expect(later.since.getTime()).toBe(NOW - 359 * MIN);
    expect(later.sinceCutOffHours).toBe(6);
    // A record arriving late reveals an earlier start that is not at the lookback's edge: no longer cut off.
    const revealed = await registry.settle(found(370));
    expect(revealed.since.getTime()).toBe(NOW - 370 * MIN);
    expect(revealed.sinceCutOffHours).toBeUndefined();
  });
});
