/**
 * Which of Microsoft's self-service pages fit a person asking about their own sign-ins, chosen from
 * the verdict: a lockout or a wrong or expired password → password reset (which also clears a smart
 * lockout), MFA not set up or a lost phone → security info, a device not compliant → Company
 * Portal's Check access, sign-ins from an unusual place or MFA prompts they did not make → "this
 * wasn't me" (change the password through password reset). Never on an answer about someone else:
 * a helpdesk card has its own fixes. The addresses are the tenant's (config selfServiceUrls).
 */
import type { Config } from '../config';
import { SELF_SERVICE_DEFAULTS, SELF_SERVICE_IDS } from '../config/settings';
import type { Finding } from '../diagnosis/diagnose';
import type { AnswerSubject } from './types';
import type { SelfServiceLink, SelfServicePages, Verdict } from './verdictChoice';

type Page = keyof Config['selfServiceUrls'];
type Choice = { id: SelfServiceLink['id']; page: Page };

const RESET: Choice = { id: 'passwordReset', page: 'passwordReset' };
const SECURITY_INFO: Choice = { id: 'securityInfo', page: 'securityInfo' };
const CHECK_ACCESS: Choice = { id: 'companyPortal', page: 'companyPortal' };
const NOT_ME: Choice = { id: 'notMe', page: 'passwordReset' };

/**
 * Error codes (AADSTS, /work/shared/reference/aadsts-codes.tsv) whose own fix is a self-service page,
 * for a failure no finding explains: wrong, expired or locked password; MFA to register or that failed;
 * a device Conditional Access requires to be compliant.
 */
const BY_CODE: Record<number, Choice> = {
  50053: RESET,
  50126: RESET,
  50055: RESET,
  50144: RESET,
  50079: SECURITY_INFO,
  50072: SECURITY_INFO,
  500121: SECURITY_INFO,
  53000: CHECK_ACCESS,
};

function forFinding(f: Finding): Choice[] {
  switch (f.kind) {
    case 'lockout':
      // From a country the person does not sign in from, the guessing may not be theirs.
      return [f.origin.unusualCountry ? NOT_ME : RESET];
    case 'expiredPassword':
      return [RESET];
    case 'mfaFatigue':
    case 'unusualLocation':
      return [NOT_ME];
    case 'conditionalAccess':
      if (f.block) return [];
      if (f.controls.includes('CompliantDevice') || (f.device?.known === true && !f.device.compliant))
        return [CHECK_ACCESS];
      return [];
    case 'accountLoop':
      return BY_CODE[f.code] ? [BY_CODE[f.code]] : [];
    default:
      return [];
  }
}

export function selfServiceFor(
  verdict: Verdict,
  subject: AnswerSubject,
  urls: Config['selfServiceUrls'],
): SelfServiceLink[] {
  if (subject.kind !== 'self') return [];
  const choices =
    verdict.kind === 'finding'
      ? forFinding(verdict.finding)
      : verdict.kind === 'failure' && BY_CODE[verdict.failure.code]
        ? [BY_CODE[verdict.failure.code]]
        : [];
  return choices.map((c) => ({ id: c.id, url: urls[c.page] }));
}

/**
 * The pages steps may name: the tenant's addresses (the same the buttons of a person's own answer
 * open), and which of Microsoft's standard addresses in the catalog's texts they replace.
 */
export function selfServicePagesFor(urls: Config['selfServiceUrls']): SelfServicePages {
  const replaced = SELF_SERVICE_IDS.filter((id) => urls[id] !== SELF_SERVICE_DEFAULTS[id]).map((id) => ({
    standard: SELF_SERVICE_DEFAULTS[id],
    url: urls[id],
  }));
  return { urls: { ...urls }, replaced };
}
