/**
 * Grant controls in every spelling Graph uses (sign-in examples `Mfa`, `Block`, `RequireCompliantDevice`;
 * policy objects `compliantDevice`, `approvedApplication`): one spelling for diagnosis and the cards.
 */
import { diagnose } from '../../src/diagnosis/diagnose';
import { grantControl, grantControls } from '../../src/diagnosis/grantControls';
import { renderAnswer } from '../../src/cards/render';
import { cardToText } from '../../src/cards/text';
import { signIn } from '../fixtures/signIns';
import { summaryOf } from '../fixtures/cards';

describe('grant controls', () => {
  it.each([
    ['Mfa', 'Mfa'],
    ['mfa', 'Mfa'],
    ['RequireMfa', 'Mfa'],
    ['Block', 'Block'],
    ['block', 'Block'],
    ['RequireCompliantDevice', 'CompliantDevice'],
    ['compliantDevice', 'CompliantDevice'],
    ['CompliantDevice', 'CompliantDevice'],
    ['RequireDomainJoinedDevice', 'DomainJoinedDevice'],
    ['domainJoinedDevice', 'DomainJoinedDevice'],
    ['RequireApprovedApp', 'ApprovedApplication'],
    ['approvedApplication', 'ApprovedApplication'],
    ['RequireCompliantApp', 'CompliantApplication'],
    ['compliantApplication', 'CompliantApplication'],
    ['passwordChange', 'PasswordChange'],
    ['Something new', 'Something new'],
  ])('%s → %s', (raw, canonical) => {
    expect(grantControl(raw)).toBe(canonical);
  });

  it('keeps each control once', () => {
    expect(grantControls(['RequireCompliantDevice', 'compliantDevice', 'Mfa'])).toEqual(['CompliantDevice', 'Mfa']);
    expect(grantControls(undefined)).toEqual([]);
  });

  it('a policy logged as RequireCompliantDevice is a device finding, worded as a compliant device', () => {
    const policy = {
      id: 'p1',
      displayName: 'Compliant devices only',
      result: 'failure' as const,
      enforcedGrantControls: ['RequireCompliantDevice'],
    };
    const records = [
      signIn('2026-11-26T09:00:00Z', 53000, {
        conditionalAccessStatus: 'failure',
        appliedConditionalAccessPolicies: [policy],
        deviceDetail: { deviceId: 'd1', displayName: 'LAPTOP-1', isCompliant: false, isManaged: true },
      }),
    ];
    const finding = diagnose(records, { tenantWide: false }).findings.find((f) => f.kind === 'conditionalAccess');
    expect(finding).toMatchObject({
      controls: ['CompliantDevice'],
      block: false,
      device: { name: 'LAPTOP-1', compliant: false },
    });
    const text = cardToText(
      renderAnswer({ answer: summaryOf(records), language: 'en', audience: 'helpdesk', timeZone: 'UTC' }).content,
    );
    expect(text).not.toContain('RequireCompliantDevice');
  });
});
