import { diagnose } from '../../src/diagnosis/diagnose';
import { minutesAfter, signIn } from '../fixtures/signIns';

const T0 = '2026-11-26T09:00:00Z';
const refresh = (minutes: number, code: number, app = 'Microsoft Outlook') =>
  signIn(minutesAfter(T0, minutes), code, {
    isInteractive: false,
    appDisplayName: app,
    signInEventTypes: ['nonInteractiveUser'],
  } as never);

describe('background (non-interactive) sign-ins', () => {
  // An interactive wrong password at 08:30, then Outlook failing its token refresh every 3 minutes from 09:00 to 09:39.
  const wrongPassword = signIn(minutesAfter(T0, -30), 50126);
  const burst = Array.from({ length: 14 }, (_, i) => refresh(i * 3, 700082));
  const records = [...burst, wrongPassword, refresh(5, 700082, 'Microsoft Teams'), refresh(200, 700082)];

  it('folds a burst of one app and code into one row with its count and span; other apps and later bursts stay apart', () => {
    const d = diagnose(records, { tenantWide: false });
    expect(d.failures).toHaveLength(17);
    const folded = d.rows.filter((r) => r.burst && r.burst.count > 1);
    expect(folded).toHaveLength(1);
    expect(folded[0].burst).toEqual({ count: 14, first: new Date(T0), last: new Date(minutesAfter(T0, 39)) });
    expect(d.rows.map((r) => [r.record.appDisplayName, r.burst?.count ?? null, r.background])).toEqual([
      ['Microsoft Outlook', 1, true],
      ['Microsoft Outlook', 14, true],
      ['Microsoft Teams', 1, true],
      ['Office 365 Exchange Online', null, false],
    ]);
  });

  it("leads with the person's interactive failure, even though the background ones are newer", () => {
    const d = diagnose(records, { tenantWide: false });
    expect(d.failures[0].background).toBe(true);
    expect(d.headline?.record.id).toBe(wrongPassword.id);
  });

  it('leads with the background failures when the question is about them', () => {
    const d = diagnose(records, { tenantWide: false, aboutBackground: true });
    expect(d.headline?.background).toBe(true);
  });

  it('does not let a finding about background sign-ins (a revoked-grant loop) lead an interactive question', () => {
    const loop = [50173, 50173, 50173].map((code, i) => refresh(60 + i * 2, code));
    const d = diagnose([...loop, wrongPassword], { tenantWide: false });
    expect(d.findings.map((f) => f.kind)).toContain('accountLoop');
    expect(d.leadFinding).toBeNull();
    expect(d.headline?.record.id).toBe(wrongPassword.id);
    expect(diagnose([...loop, wrongPassword], { tenantWide: false, aboutBackground: true }).leadFinding?.kind).toBe(
      'accountLoop',
    );
  });
});
