/**
 * Issue 22: a sign-in by a script or tool (deviceDetail.browser "Python Requests 2.31", clientAppUsed
 * "Other clients") is called what it is, not legacy authentication; a real legacy client still is.
 */
import { diagnose } from '../../src/diagnosis/diagnose';
import { signIn } from '../fixtures/signIns';
import { DemoTenant } from '../../src/demo/tenant';
import { cardsIn, postActivity, teamsMessage } from '../../src/tools/activities';
import { cardToText } from '../../src/cards/text';
import { wording } from '../../src/cards/wording';
import { NOW, startApp } from '../support/app';

const LAGOS = { ipAddress: '198.51.100.77', location: { city: 'Lagos', state: 'Lagos', countryOrRegion: 'NG' } };
const python = {
  deviceDetail: { operatingSystem: 'Linux', browser: 'Python Requests 2.31' },
  clientAppUsed: 'Other clients',
};

test('a scripted attempt is not a legacy-protocol finding, and says which tool', () => {
  const d = diagnose([signIn('2026-11-26T09:00:00Z', 50126, { ...LAGOS, ...python })], { tenantWide: false });
  expect(d.findings.map((f) => f.kind)).not.toContain('legacyProtocol');
  expect(d.failures[0]).toMatchObject({ legacyClient: null, scriptedClient: 'Python Requests 2.31' });
});

test('an IMAP client is still legacy authentication', () => {
  const d = diagnose([signIn('2026-11-26T09:00:00Z', 50126, { clientAppUsed: 'IMAP4' })], { tenantWide: false });
  expect(d.findings.map((f) => f.kind)).toContain('legacyProtocol');
  expect(d.failures[0].scriptedClient).toBeNull();
});

test("over HTTP: the password-spray victims' one wrong password from Lagos is not called legacy authentication", async () => {
  const running = await startApp({}, { demoTenant: new DemoTenant({ now: NOW }) });
  try {
    const sprayed = running.tenant.signIns.find((r) => r.deviceDetail?.browser?.startsWith('Python') && r.userId)!;
    const name = sprayed.userDisplayName!;
    const [card] = cardsIn(
      await postActivity(
        running.url,
        teamsMessage(`why did ${name} fail to sign in this week?`, {
          aadObjectId: '00000000-0000-0000-0000-0000000000020',
          name: 'Alex Wilber',
          conversationId: 'a:scripted',
        }),
      ),
    );
    const text = cardToText(card);
    expect(text.split('\n')[0]).not.toMatch(/legacy/i);
    expect(text).not.toContain(wording('en').tenant.causes.legacyProtocol);
  } finally {
    await running.stop();
  }
});
