/** answers/selfService.ts: which self-service page fits which finding, only for someone asking about themselves. */
import { selfServiceFor } from '../../src/answers/selfService';
import { chooseVerdict } from '../../src/answers/verdict';
import type { AnswerSubject } from '../../src/answers/types';
import type { Verdict } from '../../src/answers/verdictChoice';
import { diagnose, type Finding } from '../../src/diagnosis/diagnose';
import { loadConfig } from '../../src/config';
import { signIn } from '../fixtures/signIns';
import { query } from '../fixtures/cards';

const SELF: AnswerSubject = { kind: 'self' };
const MEGAN: AnswerSubject = { kind: 'person', id: '3c9a1f2e-7b4d-4e8a-9c1b-2d5e6f7a8b9c', name: 'Megan Bowen' };
const loaded = loadConfig({});
if (!loaded.ok) throw new Error(loaded.errors.join('; '));
const URLS = loaded.config.selfServiceUrls;
const base = {
  signInId: 's1',
  at: new Date('2026-11-26T09:00:00Z'),
  first: new Date('2026-11-26T09:00:00Z'),
  evidence: ['s1'],
  userId: 'u1',
  userName: 'Megan Bowen',
};
const home = { ip: '203.0.113.5', city: 'Utrecht', country: 'NL', unusualCountry: false };
const abroad = { ...home, city: 'Lagos', country: 'NG', unusualCountry: true };
const device = { name: 'LAPTOP-1', os: 'Windows', browser: null, known: true, managed: true, trust: 'Azure AD joined' };

function forFinding(finding: Finding, subject: AnswerSubject = SELF) {
  const verdict: Verdict = {
    kind: 'finding',
    finding,
    variant: finding.kind,
    steps: null,
    ticket: null,
    lookupCode: null,
  };
  return selfServiceFor(verdict, subject, URLS).map((l) => `${l.id} ${l.url}`);
}

function forCode(code: number, subject: AnswerSubject = SELF) {
  const verdict = chooseVerdict(
    query({ userId: null }),
    subject,
    diagnose([signIn('2026-11-26T09:00:00Z', code)], { tenantWide: false, intent: 'failures' }),
  );
  expect([code, verdict.kind]).toEqual([code, 'failure']);
  return selfServiceFor(verdict, subject, URLS).map((l) => l.id);
}

describe('self-service pages for the person asking about themselves', () => {
  it('a lockout → password reset (which also clears a smart lockout)', () => {
    expect(forFinding({ ...base, kind: 'lockout', wrongPasswords: 12, times: 1, origin: home })).toEqual([
      'passwordReset https://aka.ms/sspr',
    ]);
  });

  it('a lockout from a country the person does not sign in from → "this wasn\'t me", through password reset', () => {
    expect(forFinding({ ...base, kind: 'lockout', wrongPasswords: 12, times: 1, origin: abroad })).toEqual([
      'notMe https://aka.ms/sspr',
    ]);
  });

  it('an expired password → password reset', () => {
    expect(forFinding({ ...base, kind: 'expiredPassword', code: 50055, count: 3, app: 'Outlook' })).toEqual([
      'passwordReset https://aka.ms/sspr',
    ]);
  });

  it('MFA prompts they did not make, or sign-ins from an unusual place → "this wasn\'t me"', () => {
    expect(forFinding({ ...base, kind: 'mfaFatigue', requests: 9, bursts: 2, minutes: 10, origin: abroad })).toEqual([
      'notMe https://aka.ms/sspr',
    ]);
    expect(forFinding({ ...base, kind: 'unusualLocation', count: 2, origin: abroad })).toEqual([
      'notMe https://aka.ms/sspr',
    ]);
  });

  it("a device Conditional Access wants compliant → Company Portal's Check access; a block or MFA policy → none", () => {
    const ca = {
      ...base,
      kind: 'conditionalAccess' as const,
      policy: 'Require compliant device',
      count: 1,
      app: 'Outlook',
      origin: home,
    };
    expect(
      forFinding({ ...ca, controls: ['CompliantDevice'], block: false, device: { ...device, compliant: false } }),
    ).toEqual(['companyPortal https://portal.manage.microsoft.com']);
    expect(
      forFinding({ ...ca, controls: ['DomainJoinedDevice'], block: false, device: { ...device, compliant: false } }),
    ).toEqual(['companyPortal https://portal.manage.microsoft.com']);
    expect(forFinding({ ...ca, controls: ['Mfa'], block: false, device: null })).toEqual([]);
    expect(forFinding({ ...ca, controls: ['Block'], block: true, device: { ...device, compliant: false } })).toEqual(
      [],
    );
  });

  it('a failure no finding explains, by its code: password, MFA registration or a failed MFA, device compliance', () => {
    expect(forCode(50126)).toEqual(['passwordReset']);
    expect(forCode(50053)).toEqual(['passwordReset']);
    expect(forCode(500121)).toEqual(['securityInfo']);
    expect(forCode(53000)).toEqual(['companyPortal']);
    expect(forCode(50057)).toEqual([]);
  });

  it('never on an answer about someone else', () => {
    expect(forFinding({ ...base, kind: 'lockout', wrongPasswords: 12, times: 1, origin: home }, MEGAN)).toEqual([]);
    expect(forCode(50126, MEGAN)).toEqual([]);
  });

  it("the tenant's own address replaces Microsoft's", () => {
    const own = loadConfig({ SELF_SERVICE_URLS: '{"passwordReset":"https://passwordreset.contoso.com"}' });
    if (!own.ok) throw new Error(own.errors.join('; '));
    const verdict: Verdict = {
      kind: 'finding',
      finding: { ...base, kind: 'lockout', wrongPasswords: 12, times: 1, origin: home },
      variant: 'lockout',
      steps: null,
      ticket: null,
      lookupCode: null,
    };
    expect(selfServiceFor(verdict, SELF, own.config.selfServiceUrls)).toEqual([
      { id: 'passwordReset', url: 'https://passwordreset.contoso.com' },
    ]);
  });
});
