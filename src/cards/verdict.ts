/**
 * The first line and the steps of a sign-in answer, in words: the verdict answers/verdict.ts chose
 * names this case (who, what, where), the steps say what to do about it, for this audience.
 */
import type { Language } from '../shared/types';
import { explain } from '../diagnosis/catalog';
import type { DeviceState, Finding, Origin } from '../diagnosis/diagnose';
import type { SummaryAnswer } from '../answers/types';
import type { FixId } from '../fixes/catalog';
import { localDateTime, localTime } from '../shared/time';
import { countryName, fill, firstName, plural, wording, type Values, type Wording } from './wording';
import { categoryNoun, filtersText, windowText } from './filters';
import type { VerdictContext, WordedVerdict } from './verdictTypes';

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

/**
 * The self-service pages steps name ({passwordReset}, …): the tenant's (answers/selfService.ts), and on
 * a person's own answer exactly the addresses of the buttons beside them.
 */
function pageValues(answer: SummaryAnswer): Values {
  const values: Values = {};
  // The buttons' own addresses first ("this wasn't me" opens the password reset page).
  for (const link of answer.verdict.selfService ?? [])
    values[link.id === 'notMe' ? 'passwordReset' : link.id] ??= link.url;
  return { ...(answer.verdict.selfServicePages?.urls ?? {}), ...values };
}

/** A catalog step with the standard self-service addresses replaced by the tenant's own. */
function withTenantPages(step: string, answer: SummaryAnswer): string {
  return (answer.verdict.selfServicePages?.replaced ?? []).reduce((s, r) => s.split(r.standard).join(r.url), step);
}

/** Values every finding's sentences may use. */
function findingValues(f: Finding, answer: SummaryAnswer, ctx: VerdictContext): Values {
  const w = wording(ctx.language);
  const name = answer.subject.kind === 'person' ? answer.subject.name : (f.userName ?? '?');
  const first = firstName(name);
  const values: Values = {
    name,
    first,
    time: localDateTime(f.at, ctx.timeZone, ctx.language),
    since: localDateTime(f.first, ctx.timeZone, ctx.language),
    ...pageValues(answer),
    possessive: fill(w.possessive, { name: first }),
    possessiveLower: fill(w.possessive, { name: first }),
  };
  if ('origin' in f) {
    Object.assign(values, {
      place: place(f.origin, w, ctx.language),
      ip: f.origin.ip ?? '?',
      country: countryName(f.origin.country, ctx.language) ?? '?',
      unusual: f.origin.unusualCountry
        ? answer.subject.kind === 'self'
          ? w.unusualCountrySelf
          : fill(w.unusualCountry, { first })
        : '',
    });
  }
  switch (f.kind) {
    case 'lockout':
      return {
        ...values,
        wrong: plural(ctx.language, w.nWrongPasswords, f.wrongPasswords),
        times: plural(ctx.language, w.nTimes, f.times),
      };
    case 'mfaFatigue':
      return { ...values, requests: plural(ctx.language, w.nRequests, f.requests), minutes: f.minutes };
    case 'passwordSpray':
      return { ...values, people: plural(ctx.language, w.nPeople, f.users), minutes: f.minutes };
    case 'conditionalAccess':
      return {
        ...values,
        policy: f.policy ?? '',
        controls: describeControls(f.controls, w),
        app: f.app ?? '?',
        device: f.device ? deviceText(f.device, w) : '',
        deviceNote: f.device ? fill(w.deviceNote, { device: deviceText(f.device, w) }) : '',
        permission: f.policyHiddenFor ?? '',
      };
    case 'expiredPassword':
      return { ...values, attempts: plural(ctx.language, w.nFailedAttempts, f.count), app: f.app ?? '?' };
    case 'appFailingForMany':
      return {
        ...values,
        policy: f.policy ?? '',
        app: f.app,
        code: f.code,
        people: plural(ctx.language, w.nPeople, f.users),
        title: explain(f.code, ctx.language, ctx.audience).title,
      };
    case 'accountLoop':
      return {
        ...values,
        attempts: plural(ctx.language, w.nFailedAttempts, f.count),
        title: explain(f.code, ctx.language, ctx.audience).title,
      };
    case 'legacyProtocol':
      return { ...values, attempts: plural(ctx.language, w.nFailedAttempts, f.count), clients: f.clients.join(', ') };
    case 'unusualLocation':
      return values;
  }
}

/** The wording's sentence for the chosen verdict, filled with its facts. */
function verdictText(answer: SummaryAnswer, ctx: VerdictContext, self: boolean): string {
  const w = wording(ctx.language);
  const v = answer.verdict;
  const d = answer.diagnosis;
  const window = windowText(answer, ctx);
  const name = answer.subject.kind === 'person' ? answer.subject.name : '';
  switch (v.kind) {
    case 'outage':
      if (!v.yes) return fill(w.verdict.outageNo, { window });
      return fill(w.verdict[v.variant], findingValues(v.finding, answer, ctx));
    case 'signins': {
      if (!v.newest) return fill(w.verdict.signinsNone, { filters: filtersText(answer, ctx) });
      const values = {
        name,
        ok: plural(ctx.language, w.nTimes, v.succeeded),
        window,
        time: localDateTime(v.newest.at, ctx.timeZone, ctx.language),
        app: v.newest.app ?? '?',
      };
      return fill(answer.subject.kind === 'self' ? w.verdictSelf.signins : w.verdict.signins, values);
    }
    case 'none': {
      const category = answer.query.category;
      if (!category) return fill(w.verdict.none, { filters: filtersText(answer, ctx) });
      return fill(w.verdict.noneOfCategory, {
        kind: categoryNoun(category, ctx),
        filters: filtersText(answer, ctx, true),
      });
    }
    case 'workload': {
      const state = v.state;
      const time = (at: Date) => localDateTime(at, ctx.timeZone, ctx.language);
      return fill(w.verdict.workloadFailing, {
        name: state.name,
        kind: w.workloadKinds[state.kind],
        failures: plural(ctx.language, w.nFailedAttempts, state.failures),
        since: time(state.since),
        code: state.code,
        title: explain(state.code, ctx.language, 'helpdesk').title,
        lastSuccess: state.lastSuccess
          ? fill(w.workloadLastSuccess, { time: time(state.lastSuccess) })
          : w.workloadNoSuccess,
      });
    }
    case 'finding': {
      const verdicts = (self ? w.verdictSelf : w.verdict) as Record<string, string>;
      return fill(
        verdicts[v.variant] ?? (w.verdict as Record<string, string>)[v.variant],
        findingValues(v.finding, answer, ctx),
      );
    }
    case 'failureTenant':
      return fill(w.verdict.failureTenant, {
        attempts: plural(ctx.language, w.nFailedAttempts, v.failures),
        people: plural(ctx.language, w.nPeople, v.people),
        window,
        title: explain(v.top.code, ctx.language, ctx.audience).title,
        codeCount: v.top.count,
      });
    case 'failure': {
      const latest = v.failure;
      const values = {
        name,
        attempts: plural(ctx.language, w.nFailedAttempts, d.failures.length),
        window,
        title: explain(latest.code, ctx.language, ctx.audience, latest.record.status?.failureReason).title,
        app: latest.record.appDisplayName ?? '?',
        time: localTime(latest.at, ctx.timeZone, ctx.language),
      };
      return fill(answer.subject.kind === 'self' ? w.verdictSelf.failure : w.verdict.failure, values);
    }
  }
}

/** The "what to do now" steps: the wording's steps for a finding's step id, or the catalog's for a code. */
function stepsText(answer: SummaryAnswer, ctx: VerdictContext, self: boolean): string[] {
  const source = answer.verdict.steps;
  if (!source) return [];
  const buttons = fixButtonNames(source.buttons ?? [], ctx.language);
  if (source.from === 'catalog') {
    const explained = explain(source.code, ctx.language, source.audience ?? ctx.audience, source.failureReason);
    return pointingToButtons(explained.stepsWithFixes, buttons, explained.steps)
      .slice(0, 3)
      .map((s) => withTenantPages(fill(s, buttons), answer));
  }
  const w = wording(ctx.language);
  const values = { ...findingValues(source.finding, answer, ctx), ...buttons };
  const table = (self ? w.stepsSelf : w.steps) as Record<string, string[]>;
  const steps = table[source.id] ?? (w.steps as Record<string, string[]>)[source.id] ?? [];
  const withFixes = self ? undefined : (w.stepsWithFixes as Record<string, string[] | undefined>)[source.id];
  return pointingToButtons(withFixes, buttons, steps)
    .slice(0, 3)
    .map((s) => fill(s, values));
}

/** The buttons on the card as the steps name them: {fixRevokeSessions} → «Revoke sessions». */
function fixButtonNames(fixes: readonly FixId[], language: Language): Record<string, string> {
  const titles = wording(language).fixes.button;
  return Object.fromEntries(fixes.map((f) => [`fix${f[0].toUpperCase()}${f.slice(1)}`, `«${titles[f]}»`]));
}

/** The steps that point to the fix buttons, when every button they name is on the card; else the portal's. */
function pointingToButtons(
  withFixes: string[] | undefined,
  buttons: Record<string, string>,
  steps: string[],
): string[] {
  if (!withFixes) return steps;
  const named = withFixes.flatMap((s) => [...s.matchAll(/\{(fix[A-Z]\w*)\}/g)].map((m) => m[1]));
  return named.length > 0 && named.every((n) => n in buttons) ? withFixes : steps;
}

/** The verdict answers/verdict.ts chose, in words: the person's own wording when they ask about themselves. */
export function wordVerdict(answer: SummaryAnswer, ctx: VerdictContext): WordedVerdict {
  const self = ctx.audience === 'user' && answer.subject.kind === 'self';
  return { text: verdictText(answer, ctx, self), steps: stepsText(answer, ctx, self) };
}
