/**
 * What a sign-in answer leads with, decided from the diagnosis: the verdict variant, the steps
 * (a finding's step id with the finding as its facts, or the catalog's steps for a code), the
 * sign-in a ticket would be about and the error code to look up. src/cards/verdict.ts only words it.
 */
import type { Diagnosis, Finding } from '../diagnosis/diagnose';
import { workloadKindOf } from '../diagnosis/workloads';
import { catalog } from '../diagnosis/catalog';
import { isBackground } from '../diagnosis/background';
import type { AnswerSubject, ResolvedQuery } from './types';
import type { TicketTarget, Verdict } from './verdictChoice';

/** A question about an app (or an identity found by name) whose failures are all the app's own sign-ins. */
function isAboutWorkload(query: ResolvedQuery, d: Diagnosis): boolean {
  return (
    d.workload !== null &&
    (query.workload === true ||
      (query.app !== null && d.failures.length > 0 && d.failures.every((f) => workloadKindOf(f.record) !== null)))
  );
}

/** Which wording a finding uses: its kind, refined by what was found (abroad, device, MFA, block). */
function findingVariant(f: Finding): { verdict: string; steps: string } {
  switch (f.kind) {
    case 'lockout':
      return {
        verdict: f.times > 1 ? 'lockoutRepeated' : 'lockout',
        steps: f.origin.unusualCountry ? 'lockoutUnusual' : 'lockout',
      };
    case 'conditionalAccess': {
      // Which policy is not known (Graph left it out): said as a Conditional Access block all the same.
      if (f.policy === null) return { verdict: 'conditionalAccessHidden', steps: 'conditionalAccessHidden' };
      // The log does not say which of a blocking policy's conditions matched: the place is named only when
      // it is itself telling (a country the person does not sign in from), the device as Entra saw it otherwise.
      if (f.block)
        return f.origin.unusualCountry
          ? { verdict: 'conditionalAccessBlockAbroad', steps: 'conditionalAccessBlockAbroad' }
          : { verdict: 'conditionalAccessBlock', steps: 'conditionalAccessBlock' };
      const steps = f.device
        ? 'conditionalAccessDevice'
        : f.controls.includes('Mfa')
          ? 'conditionalAccessMfa'
          : 'conditionalAccess';
      return { verdict: 'conditionalAccess', steps };
    }
    case 'appFailingForMany':
      return { verdict: f.kind, steps: appFailingSteps(f) };
    default:
      return { verdict: f.kind, steps: f.kind };
  }
}

/**
 * Many people failing in one app: the app's registration is to blame only for the app's own codes; a
 * Conditional Access code is fixed in the policy (named when the records name it).
 */
function appFailingSteps(f: Extract<Finding, { kind: 'appFailingForMany' }>): string {
  if (f.policy) return 'appFailingForManyPolicy';
  const category = catalog().get(f.code)?.category;
  return category === 'conditional_access' || category === 'device' || category === 'mfa'
    ? 'appFailingForManyConditionalAccess'
    : 'appFailingForMany';
}

const nothing = { steps: null, ticket: null, lookupCode: null };

function ticketOf(d: Diagnosis, signInId: string | null | undefined): TicketTarget | null {
  if (!signInId) return null;
  return { signInId, userId: d.failures.find((f) => f.record.id === signInId)?.record.userId ?? null };
}

function outage(d: Diagnosis): Verdict {
  const app = d.findings.find((f) => f.kind === 'appFailingForMany');
  const spray = d.findings.find((f) => f.kind === 'passwordSpray');
  const finding = app ?? spray;
  if (!finding) return { kind: 'outage', yes: false, ...nothing };
  const about =
    finding.kind === 'passwordSpray'
      ? { variant: 'outageSpray' as const, steps: finding.kind }
      : {
          variant: finding.policy ? ('outagePolicy' as const) : ('outageYes' as const),
          steps: appFailingSteps(finding),
        };
  return {
    kind: 'outage',
    yes: true,
    finding,
    variant: about.variant,
    steps: { from: 'finding', id: about.steps, finding },
    ticket: ticketOf(d, finding.signInId),
    lookupCode: finding.code,
  };
}

export function chooseVerdict(query: ResolvedQuery, subject: AnswerSubject, d: Diagnosis): Verdict {
  if (query.yesNo) return outage(d);
  if (query.intent === 'signins' && subject.kind !== 'tenant') {
    const ok = d.attempts.filter((a) => a.outcome === 'succeeded' || a.outcome === 'promptedThenSucceeded');
    // The newest sign-in the person made themselves: background refreshes are folded below the list.
    const newest = ok.find((a) => !isBackground(a.final)) ?? ok[0];
    return {
      kind: 'signins',
      succeeded: ok.length,
      newest: newest ? { at: newest.at, app: newest.final.appDisplayName ?? null } : null,
      ...nothing,
    };
  }
  if (d.failures.length === 0) return { kind: 'none', ...nothing };
  if (isAboutWorkload(query, d)) {
    const state = d.workload!;
    // An app's own failure is fixed by its owners: the helpdesk's steps, whoever asks.
    return {
      kind: 'workload',
      state,
      steps: { from: 'catalog', code: state.code, audience: 'helpdesk' },
      ticket: ticketOf(d, state.signInId),
      lookupCode: state.code,
    };
  }
  const f = d.leadFinding;
  if (f) {
    const { verdict, steps } = findingVariant(f);
    return {
      kind: 'finding',
      finding: f,
      variant: verdict,
      steps: { from: 'finding', id: steps, finding: f },
      ticket: ticketOf(d, f.signInId),
      lookupCode: d.failures.find((x) => x.record.id === f.signInId)?.code ?? null,
    };
  }
  const latest = d.headline ?? d.failures[0];
  const common = {
    steps: { from: 'catalog' as const, code: latest.code, failureReason: latest.record.status?.failureReason },
    ticket: ticketOf(d, latest.record.id),
    lookupCode: latest.code,
  };
  if (subject.kind === 'tenant')
    return { kind: 'failureTenant', failures: d.failures.length, people: d.people, top: d.byCode[0], ...common };
  return { kind: 'failure', failure: latest, ...common };
}
