/** Conditional Access: which policy stopped the person, with which unmet control (and the device, for device controls). */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { DeviceState } from '../findings';
import type { Failure } from '../types';
import { base, type Detector } from './types';

/** What Entra knew of the device, for device controls. */
function deviceState(record: SignIn): DeviceState {
  const d = record.deviceDetail;
  return {
    name: d?.displayName || null, os: d?.operatingSystem || null, browser: d?.browser || null, known: Boolean(d?.deviceId),
    compliant: d?.deviceId ? d.isCompliant ?? null : null, managed: d?.deviceId ? d.isManaged ?? null : null, trust: d?.trustType || null,
  };
}

export const conditionalAccess: Detector = {
  kind: 'conditionalAccess',
  scope: 'person',
  detect({ failures, originOf }) {
    const byPolicy = new Map<string, Failure[]>();
    for (const f of failures) for (const p of f.failedPolicies) byPolicy.set(p.name, [...(byPolicy.get(p.name) ?? []), f]);
    return [...byPolicy].map(([policy, list]) => {
      const latest = list[0];
      const controls = latest.failedPolicies.find((p) => p.name === policy)?.controls ?? [];
      const aboutDevice = controls.some((c) => c === 'CompliantDevice' || c === 'DomainJoinedDevice');
      return {
        kind: 'conditionalAccess', ...base(latest), policy, controls, block: controls.includes('Block'), count: list.length,
        app: latest.record.appDisplayName ?? null, origin: originOf(latest.record), device: aboutDevice ? deviceState(latest.record) : null,
      };
    });
  },
};
