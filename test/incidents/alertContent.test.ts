/**
 * Issue 22: what an incident alert says. A next step per kind of incident (a Conditional Access
 * incident names the policy and the change to look at); the ticket line stays on later updates; the
 * known-problem notice does not tell people both "no need to report" and "open a ticket" unqualified.
 */
import { knownProblemNotice } from '../../src/cards/incidentCards';
import { renderAnswer } from '../../src/cards/render';
import { cardToText } from '../../src/cards/text';
import { wording } from '../../src/cards/wording';
import type { Incident, IncidentKind } from '../../src/incidents/types';
import { cardProblems } from '../cards/validateCard';
import { finishAlerts } from '../../src/incidents/alertRecord';
import { MemoryStateStore } from '../../src/state';

const NOW = Date.parse('2026-11-27T14:00:00Z');
const POLICY = 'Block unmanaged devices – Finance apps';

function incident(kind: IncidentKind, extra: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-0123456789abcdef',
    kind,
    since: new Date(NOW - 3 * 3_600_000),
    people: 21,
    trend: [4, 5, 6],
    trendBucketMinutes: 5,
    lastFailure: new Date(NOW - 60_000),
    resolved: false,
    userIds: ['u1'],
    ...extra,
  };
}

const alert = (
  i: Incident,
  language: 'en' | 'nl' = 'en',
  notice?: Parameters<typeof renderAnswer>[0]['answer'] & { kind: 'incident-alert' },
) => {
  const card = renderAnswer({
    answer: notice ?? { kind: 'incident-alert', incident: i },
    language,
    audience: 'helpdesk',
    timeZone: 'UTC',
  });
  expect(cardProblems(card.content)).toEqual([]);
  return cardToText(card.content);
};

test('a Conditional Access incident names the policy, the control and the change to look for, in English and Dutch', () => {
  const i = incident('policy', { policy: POLICY, unmetControl: 'Block', app: 'Contoso Expenses', code: 53003 });
  const en = alert(i);
  const step = en.slice(en.indexOf(wording('en').alertFactNextStep));
  expect(step).toContain(POLICY);
  expect(step).toMatch(/Update conditional access policy/);
  expect(step).toContain('Fri 27 Nov, 11:00');
  expect(step).not.toMatch(/app registration/);
  expect(alert(i, 'nl')).toContain(wording('nl').alertFactNextStep);
});

test.each(['app', 'code', 'password-spray', 'lockout-wave'] as const)(
  'a %s incident has a next step of its own',
  (kind) => {
    const text = alert(incident(kind, { app: 'Workday', code: 50126 }));
    expect(text).toContain(wording('en').alertFactNextStep);
    expect(text).not.toMatch(/\{\w+\}/);
  },
);

test('a resolved incident has no next step', () => {
  expect(alert(incident('app', { app: 'Workday', resolved: true }))).not.toContain(wording('en').alertFactNextStep);
});

test('the ticket line stays on the card when the incident is updated later', () => {
  const withTicket = incident('app', {
    app: 'Workday',
    ticket: { reference: 'SIT-1A2B3C4D', where: 'helpdesk@contoso.com' },
  });
  expect(alert(withTicket)).toContain('SIT-1A2B3C4D');
  expect(alert(incident('app', { app: 'Workday' }))).not.toContain('SIT-');
});

test('the known-problem notice says a ticket is added to the incident rather than "no need to report" alone', () => {
  const line = knownProblemNotice(
    { kind: 'incident', what: { app: 'Workday' }, since: new Date(NOW), people: 21, resolved: false },
    'en',
    'UTC',
  ).line;
  expect(line).toMatch(/ticket/);
  expect(line).toMatch(/added to this incident/);
});

describe('"stop notifying"', () => {
  const subscription = {
    id: 'sub-1',
    address: { conversation: { id: '19:x' } },
    language: 'en' as const,
    timeZone: 'UTC',
    conversationType: 'shared',
    expiresAt: NOW + 1e9,
  };

  test('the card gets a final state: alerts stopped at T, the last known status, no trend', () => {
    const i = incident('policy', { policy: POLICY, unmetControl: 'Block' });
    const text = alert(i, 'en', { kind: 'incident-alert', incident: i, stoppedAt: new Date(NOW) });
    expect(text).toMatch(
      /Alerts stopped here at Fri 27 Nov, 14:00; this card is no longer updated\. Last known: Ongoing\./,
    );
    expect(text).not.toContain('Failures per');
    expect(alert(i, 'nl', { kind: 'incident-alert', incident: i, stoppedAt: new Date(NOW) })).toMatch(
      /niet meer bijgewerkt/,
    );
  });

  test('every alert card of the conversation is updated once to it, and forgotten (later rounds leave it alone)', async () => {
    const store = new MemoryStateStore(() => NOW);
    const i = incident('policy', { policy: POLICY });
    await store.create(
      `incident-alerts/${i.id}.${subscription.id}`,
      { activityId: 'activity-1', claimedAt: NOW, shown: 'x' },
      60_000,
    );
    const updates: Array<{ id: string; text: string }> = [];
    const delivery = {
      post: () => Promise.resolve('new'),
      update: (_a: unknown, id: string, card: { content: Record<string, unknown> }) => {
        updates.push({ id, text: cardToText(card.content) });
        return Promise.resolve();
      },
    };
    const render = (inc: Incident, _s: unknown, stoppedAt?: Date) =>
      renderAnswer({
        answer: { kind: 'incident-alert', incident: inc, ...(stoppedAt ? { stoppedAt } : {}) },
        language: 'en',
        audience: 'helpdesk',
        timeZone: 'UTC',
      });
    expect(
      await finishAlerts(
        store,
        delivery,
        render,
        subscription,
        [i, incident('app', { id: 'inc-ffffffffffffffff', app: 'Workday' })],
        new Date(NOW),
      ),
    ).toBe(1);
    expect(updates).toHaveLength(1);
    expect(updates[0].id).toBe('activity-1');
    expect(updates[0].text).toMatch(/no longer updated/);
    expect(await store.get(`incident-alerts/${i.id}.${subscription.id}`)).toBeUndefined();
  });
});
