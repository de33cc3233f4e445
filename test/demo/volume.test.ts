/**
 * Real volume (DEMO_NONINTERACTIVE_PER_DAY): per person a working day of token refreshes, more
 * interactive sign-ins, daemons and managed identities every few minutes; the stories unchanged
 * among them; deterministic; the default stays the stories' own volume.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { generateSignIns } from '../../src/demo/signInGenerator';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { DemoTenant } from '../../src/demo/tenant';
import { loadSettings } from '../../src/loadSettings';

const NOW = new Date('2026-11-27T10:00:00Z');
const DAY = 86_400_000;
const PEOPLE = DEMO_PEOPLE.slice(0, 8);
const kind = (r: SignIn) => (r as { signInEventTypes?: string[] }).signInEventTypes?.[0];

describe('realistic volume', () => {
  const days = 7;
  const stories = generateSignIns({ now: NOW, people: PEOPLE, days });
  const realistic = generateSignIns({ now: NOW, people: PEOPLE, days, nonInteractivePerDay: 120 });

  it('gives every person at least 100 token refreshes on every whole day', () => {
    for (const person of PEOPLE) {
      for (let day = 1; day < days; day++) {
        const end = NOW.getTime() - day * DAY;
        const refreshes = realistic.filter(
          (r) =>
            r.userId === person.id &&
            kind(r) === 'nonInteractiveUser' &&
            Date.parse(r.createdDateTime as string) > end - DAY &&
            Date.parse(r.createdDateTime as string) <= end,
        );
        expect(refreshes.length).toBeGreaterThanOrEqual(100);
      }
    }
  });

  it("adds interactive sign-ins at a working day's rate and daemons every few minutes", () => {
    const interactive = (records: SignIn[]) => records.filter((r) => kind(r) === 'interactiveUser').length;
    expect(interactive(realistic) - interactive(stories)).toBeGreaterThanOrEqual(PEOPLE.length * days * 3);
    const lastHour = realistic.filter((r) => Date.parse(r.createdDateTime as string) > NOW.getTime() - 3_600_000);
    expect(lastHour.filter((r) => kind(r) === 'servicePrincipal').length).toBeGreaterThanOrEqual(10);
    expect(lastHour.filter((r) => kind(r) === 'managedIdentity').length).toBeGreaterThanOrEqual(3);
  });

  it('keeps every story record unchanged among them', () => {
    const byId = new Map(realistic.map((r) => [r.id, r]));
    for (const record of stories) expect(byId.get(record.id)).toEqual(record);
    expect(realistic.length).toBeGreaterThan(stories.length * 10);
  });

  it("writes the refreshes under the first-party apps' real names, and all of them succeed", () => {
    const names = new Set(
      realistic
        .filter((r) => kind(r) === 'nonInteractiveUser' && !stories.some((s) => s.id === r.id))
        .map((r) => r.appDisplayName),
    );
    expect([...names]).toEqual(
      expect.arrayContaining(['Microsoft Office', 'One Outlook Web', 'Outlook Mobile', 'Microsoft Teams']),
    );
    const added = realistic.filter((r) => !stories.some((s) => s.id === r.id));
    expect(added.every((r) => r.status?.errorCode === 0)).toBe(true);
  });

  it('is deterministic and newest first', () => {
    const again = generateSignIns({ now: NOW, people: PEOPLE, days, nonInteractivePerDay: 120 });
    expect(again.map((r) => r.id)).toEqual(realistic.map((r) => r.id));
    const stamps = realistic.map((r) => r.createdDateTime as string);
    expect(stamps.every((t, i) => i === 0 || t <= stamps[i - 1])).toBe(true);
  });
});

describe('the setting', () => {
  it("a tenant built by a test has the stories' own volume; the product demo defaults to a realistic day (≥ 100 refreshes a person)", () => {
    const tenant = new DemoTenant({ now: NOW });
    expect(tenant.signIns.length).toBeLessThan(10_000);
    const result = loadSettings({ DEMO: 'true' });
    expect(result.ok && result.demoSettings!.nonInteractivePerDay).toBeGreaterThanOrEqual(100);
  });

  it('DEMO_NONINTERACTIVE_PER_DAY is a whole number', () => {
    const result = loadSettings({ DEMO: 'true', DEMO_NONINTERACTIVE_PER_DAY: '150' });
    expect(result.ok && result.demoSettings?.nonInteractivePerDay).toBe(150);
    const bad = loadSettings({ DEMO: 'true', DEMO_NONINTERACTIVE_PER_DAY: 'lots' });
    expect(bad.ok ? [] : bad.errors).toEqual([
      expect.stringMatching(/^DEMO_NONINTERACTIVE_PER_DAY: must be a whole number/),
    ]);
  });
});
