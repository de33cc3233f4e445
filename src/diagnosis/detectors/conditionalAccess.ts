/** Conditional Access: which policy stopped the person, with which unmet control (and the device, for device controls). */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { POLICY_PERMISSION, type DeviceState, type Finding } from '../findings';
import type { Failure } from '../types';
import { base, type Detector } from './types';

/** What Entra knew of the device, for device controls. */
function deviceState(record: SignIn): DeviceState {
  const d = record.deviceDetail;
  return {
    name: d?.displayName || null,
    os: d?.operatingSystem || null,
    browser: d?.browser || null,
    known: Boolean(d?.deviceId),
    compliant: d?.deviceId ? (d.isCompliant ?? null) : null,
    managed: d?.deviceId ? (d.isManaged ?? null) : null,
    trust: d?.trustType || null,
  };
}

export const conditionalAccess: Detector = {
  kind: 'conditionalAccess',
  scope: 'person',
  detect({ failures, originOf }) {
    const byPolicy = new Map<string, Failure[]>();
    for (const f of failures)
      for (const p of f.failedPolicies) byPolicy.set(p.name, [...(byPolicy.get(p.name) ?? []), f]);
    const findings: Finding[] = [...byPolicy].map(([policy, list]) => {
      const latest = list[0];
      const controls = latest.failedPolicies.find((p) => p.name === policy)?.controls ?? [];
      const aboutDevice = controls.some((c) => c === 'CompliantDevice' || c === 'DomainJoinedDevice');
      return {
        kind: 'conditionalAccess',
        ...base(latest, list),
        policy,
        controls,
        block: controls.includes('Block'),
        count: list.length,
        app: latest.record.appDisplayName ?? null,
        origin: originOf(latest.record),
        // A block's conditions are not in the log: what Entra saw of the device is said instead of guessed causes.
        device: aboutDevice || controls.includes('Block') ? deviceState(latest.record) : null,
      };
    });
    // Conditional Access stopped it, but Graph left the policies out (no policy permission): still said, without a name.
    const hidden = failures.filter(
      (f) =>
        f.failedPolicies.length === 0 &&
        f.record.appliedConditionalAccessPolicies == null &&
        (f.record.conditionalAccessStatus === 'failure' || f.category === 'conditional_access'),
    );
    if (hidden.length > 0) {
      const latest = hidden[0];
      findings.push({
        kind: 'conditionalAccess',
        ...base(latest, hidden),
        policy: null,
        controls: [],
        block: latest.code === 53003,
        count: hidden.length,
        app: latest.record.appDisplayName ?? null,
        origin: originOf(latest.record),
        device: null,
        policyHiddenFor: POLICY_PERMISSION,
      });
    }
    return findings;
  },
};
