/**
 * A Conditional Access block whose policy Graph left out (the app lacks Policy.Read.ConditionalAccess,
 * so appliedConditionalAccessPolicies is omitted): still a Conditional Access finding, without a
 * policy; the helpdesk's card names the permission that would show which policy, the asker's own card
 * does not. Records: the demo tenant's Adele block, with the property removed as Graph would.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DemoTenant } from '../../src/demo/tenant';
import { diagnose } from '../../src/diagnosis/diagnose';
import { POLICY_PERMISSION } from '../../src/diagnosis/findings';
import { renderAnswer } from '../../src/cards/render';
import { cardToText } from '../../src/cards/text';
import { cardProblems } from '../cards/validateCard';
import { summaryOf } from '../fixtures/cards';

const ADELE = '00000000-0000-0000-0000-0000000000022';
const tenant = new DemoTenant({ now: new Date('2026-11-27T10:00:00Z') });
const adeles = tenant.signIns.filter((r) => r.userId === ADELE && r.conditionalAccessStatus === 'failure');
const withoutPolicies = (records: SignIn[]) =>
  records.map(({ appliedConditionalAccessPolicies: _omitted, ...rest }) => rest as SignIn);

describe('a Conditional Access block without policy details', () => {
  it('is a Conditional Access finding with no policy, naming the permission that would show it', () => {
    expect(adeles.length).toBeGreaterThan(0);
    const d = diagnose(withoutPolicies(adeles), { tenantWide: false });
    const finding = d.findings.find((f) => f.kind === 'conditionalAccess');
    expect(finding).toMatchObject({
      kind: 'conditionalAccess',
      policy: null,
      policyHiddenFor: POLICY_PERMISSION,
      count: adeles.length,
    });
    expect(d.leadFinding?.kind).toBe('conditionalAccess');
    // With the details, the policy is named and nothing is said hidden.
    const named = diagnose(adeles, { tenantWide: false }).findings.find((f) => f.kind === 'conditionalAccess');
    expect(named && 'policy' in named && typeof named.policy).toBe('string');
    expect(named && 'policyHiddenFor' in named && named.policyHiddenFor).toBeFalsy();
  });

  it('names the permission to the helpdesk only (en, nl)', () => {
    const subject = { kind: 'person' as const, id: ADELE, name: 'Adele Vance' };
    for (const language of ['en', 'nl'] as const) {
      const helpdesk = renderAnswer({
        answer: summaryOf(withoutPolicies(adeles), { subject }),
        language,
        audience: 'helpdesk',
        timeZone: 'Europe/Amsterdam',
      });
      expect(cardProblems(helpdesk.content)).toEqual([]);
      expect(cardToText(helpdesk.content)).toContain(POLICY_PERMISSION);
      const self = renderAnswer({
        answer: summaryOf(withoutPolicies(adeles), { subject: { kind: 'self' } }),
        language,
        audience: 'user',
        timeZone: 'Europe/Amsterdam',
      });
      expect(cardProblems(self.content)).toEqual([]);
      expect(cardToText(self.content)).not.toContain(POLICY_PERMISSION);
      expect(cardToText(self.content)).not.toContain('Policy.Read');
    }
  });
});
