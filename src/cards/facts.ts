/** One sign-in's facts (time, app, ids, place, device, Conditional Access, risk) for details and tickets. */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { Language } from '../shared/types';
import { localDateTime, utcStamp } from '../shared/time';
import { clip, plain } from './elements';
import { fill, plural, wording, type Wording } from './wording';
import { describeControls } from './verdict';
import { grantControls } from '../diagnosis/grantControls';

/** Failing Conditional Access policies shown per attempt; the rest are counted. */
const MAX_POLICY_FACTS = 3;

export function signInFacts(record: SignIn, language: Language, timeZone: string): { title: string; value: string }[] {
  const s = wording(language);
  const at = new Date(record.createdDateTime as string);
  const device = record.deviceDetail;
  const deviceText = device
    ? [
        device.displayName,
        device.operatingSystem,
        device.browser,
        device.isCompliant === true ? s.deviceCompliant : device.isCompliant === false ? s.deviceNotCompliant : null,
        device.isManaged === true ? s.deviceManaged : device.isManaged === false ? s.deviceUnmanaged : null,
        device.trustType,
      ]
        .filter(Boolean)
        .join(', ')
    : '';
  const location = [record.location?.city, record.location?.state, record.location?.countryOrRegion]
    .filter(Boolean)
    .join(', ');
  const facts = [
    {
      title: s.factLocal,
      value:
        timeZone === 'UTC' ? utcStamp(at) : `${localDateTime(at, timeZone, language)} ${timeZone} (${utcStamp(at)})`,
    },
    { title: s.factApp, value: record.appDisplayName ?? '' },
    { title: s.factRequestId, value: record.id ?? '' },
    { title: s.factCorrelationId, value: record.correlationId ?? '' },
    { title: s.factIp, value: record.ipAddress ?? '' },
    { title: s.factLocation, value: location },
    { title: s.factDevice, value: deviceText },
    { title: s.factClientApp, value: record.clientAppUsed ?? '' },
    ...failingPolicyFacts(record, s, language),
    ...riskFacts(record, s),
  ];
  return facts.filter((f) => f.value).map((f) => ({ title: plain(f.title), value: plain(f.value) }));
}

/** Risk shows only when Identity Protection saw some (P2 tenants; otherwise Graph says hidden or none). */
function riskFacts(record: SignIn, s: Wording): { title: string; value: string }[] {
  const level = record.riskLevelDuringSignIn;
  if (!level || ['none', 'hidden', 'unknownFutureValue'].includes(level)) return [];
  const events = (record.riskEventTypes_v2 ?? []).join(', ');
  return [{ title: s.factRisk, value: fill(s.factRiskValue, { level, events: events ? `: ${events}` : '' }) }];
}

function failingPolicyFacts(record: SignIn, s: Wording, language: Language): { title: string; value: string }[] {
  const failing = (record.appliedConditionalAccessPolicies ?? []).filter((p) => p.result === 'failure');
  const facts = failing.slice(0, MAX_POLICY_FACTS).map((p) => {
    const controls = grantControls(p.enforcedGrantControls);
    const name = clip(p.displayName ?? p.id ?? '?', 80);
    return {
      title: s.factPolicy,
      value: controls.includes('Block')
        ? fill(s.factPolicyBlock, { name })
        : fill(s.factPolicyValue, { name, controls: describeControls(controls, wording(language)) }),
    };
  });
  if (failing.length > MAX_POLICY_FACTS)
    facts.push({
      title: s.factPolicy,
      value: plural(language, wording(language).morePolicies, failing.length - MAX_POLICY_FACTS),
    });
  return facts;
}
