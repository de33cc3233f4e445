/**
 * Grant controls as the cards name them, from every spelling Graph uses. A sign-in's
 * `appliedConditionalAccessPolicies[].enforcedGrantControls` is free text: Microsoft's signIn
 * examples show `Mfa` and `Block`, real logs and the reference's examples `RequireCompliantDevice`,
 * `RequireDomainJoinedDevice`, `RequireApprovedApp`, …; a policy's own `grantControls.builtInControls`
 * spells them `mfa`, `compliantDevice`, `domainJoinedDevice`, `approvedApplication`,
 * `compliantApplication`, `passwordChange` (conditionalAccessGrantControls, Microsoft Graph v1.0).
 * Matched without regard to case, with or without "Require"; anything else is kept as Graph wrote it.
 */

/** The one spelling each control has in diagnosis and card wording (src/cards/wording grantControls). */
const CANONICAL: Record<string, string> = {
  mfa: 'Mfa',
  multifactorauthentication: 'Mfa',
  block: 'Block',
  compliantdevice: 'CompliantDevice',
  devicetobemarkedascompliant: 'CompliantDevice',
  domainjoineddevice: 'DomainJoinedDevice',
  hybridazureadjoineddevice: 'DomainJoinedDevice',
  hybridjoineddevice: 'DomainJoinedDevice',
  approvedapplication: 'ApprovedApplication',
  approvedapp: 'ApprovedApplication',
  approvedclientapp: 'ApprovedApplication',
  compliantapplication: 'CompliantApplication',
  compliantapp: 'CompliantApplication',
  appprotectionpolicy: 'CompliantApplication',
  passwordchange: 'PasswordChange',
  termsofuse: 'TermsOfUse',
  authenticationstrength: 'AuthenticationStrength',
};

export function grantControl(raw: string): string {
  const key = raw
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/^require/, '');
  return CANONICAL[key] ?? raw;
}

/** A policy's controls in their one spelling, each once. */
export function grantControls(raw: readonly string[] | null | undefined): string[] {
  return [...new Set((raw ?? []).map(grantControl))];
}
