import type { SignIn } from '@microsoft/microsoft-graph-types';
import { countSignIns } from '../../src/diagnosis/counts';
import { categoryOf, withCategory } from '../../src/diagnosis/categories';

const r = (
  at: string,
  app: string,
  code: number,
  extra: Partial<SignIn> & { signInEventTypes?: string[] } = {},
): SignIn => ({ id: `${at}-${code}`, createdDateTime: at, appDisplayName: app, status: { errorCode: code }, ...extra });

describe('counting sign-ins', () => {
  const records = [
    r('2026-11-26T22:30:00Z', 'Outlook', 0), // 23:30 in Amsterdam: still the 26th there
    r('2026-11-26T23:30:00Z', 'Outlook', 50126), // 00:30 on the 27th
    r('2026-11-27T08:00:00Z', 'Teams', 50126),
    r('2026-11-27T08:01:00Z', 'Teams', 50053),
    r('2026-11-27T08:02:00Z', 'Teams', 50058), // a prompt, not a failure
    r('2026-11-27T09:00:00Z', 'Outlook', 700082, { isInteractive: false, signInEventTypes: ['nonInteractiveUser'] }),
  ];

  it('counts per local day, per app, by outcome, by kind, and the top failure codes', () => {
    const counts = countSignIns(records, 'Europe/Amsterdam');
    expect(counts).toMatchObject({ total: 6, succeeded: 1, failed: 4, interrupted: 1 });
    expect(counts.perDay).toEqual([
      { day: '2026-11-26', total: 1, failed: 0, succeeded: 1 },
      { day: '2026-11-27', total: 5, failed: 4, succeeded: 0 },
    ]);
    expect(counts.perApp).toEqual([
      { app: 'Outlook', total: 3, failed: 2 },
      { app: 'Teams', total: 3, failed: 2 },
    ]);
    expect(counts.perEventType).toEqual({ interactiveUser: 5, nonInteractiveUser: 1 });
    expect(counts.topCodes).toEqual([
      { code: 50126, count: 2 },
      { code: 50053, count: 1 },
      { code: 700082, count: 1 },
    ]);
  });

  it("uses the asker's zone for days", () => {
    expect(countSignIns(records, 'UTC').perDay.map((d) => d.day)).toEqual(['2026-11-26', '2026-11-27']);
    expect(countSignIns(records, 'UTC').perDay[0].total).toBe(2);
  });
});

describe('the kind of failure of a record', () => {
  it('comes from the catalog, and Conditional Access failures outside it count as conditional_access', () => {
    expect(categoryOf(r('2026-11-27T08:00:00Z', 'x', 50053))).toBe('lockout');
    expect(categoryOf(r('2026-11-27T08:00:00Z', 'x', 0))).toBeNull();
    expect(categoryOf(r('2026-11-27T08:00:00Z', 'x', 999999, { conditionalAccessStatus: 'failure' }))).toBe(
      'conditional_access',
    );
    expect(withCategory(records(), 'password').map((x) => x.status!.errorCode)).toEqual([50126]);
    expect(withCategory(records(), null)).toHaveLength(3);
  });
  const records = () => [r('a', 'x', 50126), r('b', 'x', 50053), r('c', 'x', 0)];
});
