/**
 * The first line and the steps of a sign-in answer, chosen from its findings: the verdict names
 * this case (who, what, where), the steps say what to do about this finding, for this audience.
 */
import type { Language } from '../shared/types';
import { explain } from '../diagnosis/catalog';
import type { DeviceState, Failure, Finding, Origin } from '../diagnosis/diagnose';
import type { SummaryAnswer } from '../answers/types';
import { localDateTime, localTime } from '../shared/time';
import { countryName, fill, firstName, plural, wording, type Values, type Wording } from './wording';
import { categoryNoun, filtersText, windowText } from './filters';
import { isAboutWorkload, workloadVerdict } from './workloadVerdict';
import type { Verdict, VerdictContext } from './verdictTypes';

export function describeControls(controls: string[], w: Wording): string {
  const words = w.grantControls as Record<string, string>;
  return controls.map((c) => words[c] ?? c).join(w.or) || '?';
}

function place(origin: Origin, w: Wording, language: Language): string {
  const country = countryName(origin.country, language);
  if (!country) return origin.city ?? w.unknownPlace;
  return origin.city ? fill(w.place, { city: origin.city, country }) : fill(w.placeNoCity, { country });
}

function deviceText(device: DeviceState, w: Wording): string {
  const words = w.deviceWords;
  const name = [device.name, device.os, device.known ? null : device.browser].filter(Boolean).join(', ') || '?';
  return fill(w.deviceState, {
    device: name,
    compliance: !device.known ? words.unknown : device.compliant ? words.compliant : words.notCompliant,
    managed: device.managed ? words.managed : words.notManaged,
    trust: device.trust ? fill(words.trust, { trust: device.trust }) : '',
  });
}

/** Values every finding's sentences may use. */
function findingValues(f: Finding, answer: SummaryAnswer, ctx: VerdictContext): Values {
  const w = wording(ctx.language);
  const name = answer.subject.kind === 'person' ? answer.subject.name : f.userName ?? '?';
  const first = firstName(name);
  const values: Values = {
    name, first, time: localDateTime(f.at, ctx.timeZone, ctx.language),
    possessive: fill(w.possessive, { name: first }), possessiveLower: fill(w.possessive, { name: first }),
  };
  if ('origin' in f) {
    Object.assign(values, {
      place: place(f.origin, w, ctx.language), ip: f.origin.ip ?? '?', country: countryName(f.origin.country, ctx.language) ?? '?',
      unusual: f.origin.unusualCountry ? (answer.subject.kind === 'self' ? w.unusualCountrySelf : fill(w.unusualCountry, { first })) : '',
    });
  }
  switch (f.kind) {
    case 'lockout':
      return { ...values, wrong: plural(ctx.language, w.nWrongPasswords, f.wrongPasswords), times: plural(ctx.language, w.nTimes, f.times) };
    case 'mfaFatigue':
      return { ...values, requests: plural(ctx.language, w.nRequests, f.requests), minutes: f.minutes };
    case 'passwordSpray':
      return { ...values, people: plural(ctx.language, w.nPeople, f.users), minutes: f.minutes };
    case 'conditionalAccess':
      return { ...values, policy: f.policy ?? '', controls: describeControls(f.controls, w), app: f.app ?? '?', device: f.device ? deviceText(f.device, w) : '', permission: f.policyHiddenFor ?? '' };
    case 'expiredPassword':
      return { ...values, attempts: plural(ctx.language, w.nFailedAttempts, f.count), app: f.app ?? '?' };
    case 'appFailingForMany':
      return { ...values, app: f.app, code: f.code, people: plural(ctx.language, w.nPeople, f.users), title: explain(f.code, ctx.language, ctx.audience).title };
    case 'accountLoop':
      return { ...values, attempts: plural(ctx.language, w.nFailedAttempts, f.count), title: explain(f.code, ctx.language, ctx.audience).title };
    case 'legacyProtocol':
      return { ...values, attempts: plural(ctx.language, w.nFailedAttempts, f.count), clients: f.clients.join(', ') };
    case 'unusualLocation':
      return values;
  }
}

/** Which wording a finding uses: its kind, refined by what was found (abroad, device, MFA, block). */
function variant(f: Finding): { verdict: string; steps: string } {
  switch (f.kind) {
    case 'lockout':
      return { verdict: f.times > 1 ? 'lockoutRepeated' : 'lockout', steps: f.origin.unusualCountry ? 'lockoutUnusual' : 'lockout' };
    case 'conditionalAccess': {
      // Which policy is not known (Graph left it out): said as a Conditional Access block all the same.
      if (f.policy === null) return { verdict: 'conditionalAccessHidden', steps: 'conditionalAccessHidden' };
      if (f.block) return { verdict: 'conditionalAccessBlock', steps: f.origin.unusualCountry ? 'conditionalAccessBlockAbroad' : 'conditionalAccessBlock' };
      const steps = f.device ? 'conditionalAccessDevice' : f.controls.includes('Mfa') ? 'conditionalAccessMfa' : 'conditionalAccess';
      return { verdict: 'conditionalAccess', steps };
    }
    default:
      return { verdict: f.kind, steps: f.kind };
  }
}

function findingVerdict(f: Finding, answer: SummaryAnswer, ctx: VerdictContext): Verdict {
  const w = wording(ctx.language);
  const self = ctx.audience === 'user' && answer.subject.kind === 'self';
  const values = findingValues(f, answer, ctx);
  const { verdict, steps } = variant(f);
  const verdicts = (self ? w.verdictSelf : w.verdict) as Record<string, string>;
  const stepTable = (self ? w.stepsSelf : w.steps) as Record<string, string[]>;
  const text = fill(verdicts[verdict] ?? (w.verdict as Record<string, string>)[verdict], values);
  const chosen = (stepTable[steps] ?? (w.steps as Record<string, string[]>)[steps] ?? []).slice(0, 3).map((s) => fill(s, values));
  const code = answer.diagnosis.failures.find((x) => x.record.id === f.signInId)?.code ?? null;
  return { text, steps: chosen, ticketSignInId: f.signInId || null, code };
}

/** No finding: the latest failure, with its code's own steps from the catalog. */
function failureVerdict(latest: Failure, answer: SummaryAnswer, ctx: VerdictContext): Verdict {
  const w = wording(ctx.language);
  const d = answer.diagnosis;
  const e = explain(latest.code, ctx.language, ctx.audience, latest.record.status?.failureReason);
  const window = windowText(answer, ctx);
  const attempts = plural(ctx.language, w.nFailedAttempts, d.failures.length);
  let text: string;
  if (answer.subject.kind === 'tenant') {
    const top = d.byCode[0];
    text = fill(w.verdict.failureTenant, { attempts, people: plural(ctx.language, w.nPeople, d.people), window, title: explain(top.code, ctx.language, ctx.audience).title, codeCount: top.count });
  } else {
    const values = { name: answer.subject.kind === 'person' ? answer.subject.name : '', attempts, window, title: e.title, app: latest.record.appDisplayName ?? '?', time: localTime(latest.at, ctx.timeZone, ctx.language) };
    text = fill(answer.subject.kind === 'self' ? w.verdictSelf.failure : w.verdict.failure, values);
  }
  return { text, steps: e.steps.slice(0, 3), ticketSignInId: latest.record.id ?? null, code: latest.code };
}

export function verdictOf(answer: SummaryAnswer, ctx: VerdictContext): Verdict {
  const w = wording(ctx.language);
  const d = answer.diagnosis;
  if (answer.query.yesNo) return outageVerdict(answer, ctx);
  if (answer.query.intent === 'signins' && answer.subject.kind !== 'tenant') {
    const ok = d.attempts.filter((a) => a.outcome === 'succeeded' || a.outcome === 'promptedThenSucceeded');
    if (ok.length === 0) return { text: fill(w.verdict.signinsNone, { filters: filtersText(answer, ctx) }), steps: [], ticketSignInId: null, code: null };
    const values = { name: answer.subject.kind === 'person' ? answer.subject.name : '', ok: plural(ctx.language, w.nTimes, ok.length), window: windowText(answer, ctx), time: localDateTime(ok[0].at, ctx.timeZone, ctx.language), app: ok[0].final.appDisplayName ?? '?' };
    return { text: fill(answer.subject.kind === 'self' ? w.verdictSelf.signins : w.verdict.signins, values), steps: [], ticketSignInId: null, code: null };
  }
  if (d.failures.length === 0) return { text: noneText(answer, ctx), steps: [], ticketSignInId: null, code: null };
  if (isAboutWorkload(answer)) return workloadVerdict(answer, ctx);
  if (d.leadFinding) return findingVerdict(d.leadFinding, answer, ctx);
  return failureVerdict(d.headline ?? d.failures[0], answer, ctx);
}

/** "No MFA failures for Lynne between …": every filter restated, the kind of failure as the noun. */
function noneText(answer: SummaryAnswer, ctx: VerdictContext): string {
  const w = wording(ctx.language);
  const category = answer.query.category;
  if (!category) return fill(w.verdict.none, { filters: filtersText(answer, ctx) });
  return fill(w.verdict.noneOfCategory, { kind: categoryNoun(category, ctx), filters: filtersText(answer, ctx, true) });
}

/** "is there an outage?": yes or no first, from the tenant-wide findings. */
function outageVerdict(answer: SummaryAnswer, ctx: VerdictContext): Verdict {
  const w = wording(ctx.language);
  const window = windowText(answer, ctx);
  const d = answer.diagnosis;
  const app = d.findings.find((f) => f.kind === 'appFailingForMany');
  if (app && app.kind === 'appFailingForMany') {
    const values = { ...findingValues(app, answer, ctx), time: localDateTime(app.at, ctx.timeZone, ctx.language) };
    return { text: fill(w.verdict.outageYes, values), steps: (w.steps.appFailingForMany).map((s) => fill(s, values)), ticketSignInId: app.signInId || null, code: app.code };
  }
  const spray = d.findings.find((f) => f.kind === 'passwordSpray');
  if (spray && spray.kind === 'passwordSpray') {
    const values = findingValues(spray, answer, ctx);
    return { text: fill(w.verdict.outageSpray, values), steps: w.steps.passwordSpray.map((s) => fill(s, values)), ticketSignInId: spray.signInId || null, code: 50126 };
  }
  return { text: fill(w.verdict.outageNo, { window }), steps: [], ticketSignInId: null, code: null };
}
