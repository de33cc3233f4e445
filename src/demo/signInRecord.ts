/** One complete Graph `signIn` record of the demo tenant, from what an attempt is made of (signInCatalog.ts). */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { DemoPerson } from './people';
import type { SignInWithTenants } from '../shared/signInTenants';
import { DEMO_TENANT_ID } from './settings';
import { COORDS, REASONS, standardPolicies, type App, type Device, type Where } from './signInCatalog';

/** What one demo sign-in is made of; `person` null for someone not in the directory (then `extra` names the UPN). */
export interface DemoAttempt {
  id: string;
  correlationId: string;
  person: DemoPerson | null;
  at: number;
  code: number;
  app: App;
  where: Where;
  device: Device;
  /** Fields that differ from an ordinary attempt (they win). */
  extra?: Partial<SignIn>;
}

/** One complete Graph `signIn` record of the demo tenant: the only place its shape is written. */
export function demoSignIn(a: DemoAttempt): SignIn {
  const { person: p, code, app, where, device, extra = {} } = a;
  const reason = REASONS[code] ?? { failureReason: 'Other.' };
  const [lat, lon] = COORDS[where.city] ?? [0, 0];
  const upn = p ? p.userPrincipalName.toLowerCase() : (extra.userPrincipalName as string);
  // A beta record (the graph-types package is v1.0's, hence the widening); each endpoint projects it (signInSchema.ts).
  const record: SignInWithTenants & { originalRequestId?: string } = {
    id: a.id,
    createdDateTime: new Date(Math.round(a.at / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
    userDisplayName: p ? p.displayName : upn,
    userPrincipalName: upn,
    userId: p ? p.id : '00000000-0000-0000-0000-000000000000',
    appId: app.appId,
    appDisplayName: app.appDisplayName,
    ipAddress: where.ip,
    clientAppUsed: 'Browser',
    correlationId: a.correlationId,
    conditionalAccessStatus:
      code === 53003 || code === 53000 || code === 53001 ? 'failure' : code === 0 ? 'success' : 'notApplied',
    isInteractive: true,
    riskDetail: 'none',
    riskLevelAggregated: 'none',
    riskLevelDuringSignIn: 'none',
    riskState: 'none',
    riskEventTypes: [],
    riskEventTypes_v2: [],
    resourceDisplayName: app.resourceDisplayName,
    resourceId: app.resourceId,
    status: {
      errorCode: code,
      failureReason: code === 0 ? null : reason.failureReason,
      additionalDetails: code === 0 ? null : (reason.additionalDetails ?? null),
    },
    deviceDetail: {
      deviceId: device.id,
      displayName: device.name,
      operatingSystem: device.os,
      browser: device.browser,
      isCompliant: device.compliant,
      isManaged: device.managed,
      trustType: device.trustType,
    },
    location: {
      city: where.city,
      state: where.state,
      countryOrRegion: where.country,
      geoCoordinates: { altitude: null, latitude: lat, longitude: lon },
    },
    appliedConditionalAccessPolicies: standardPolicies(code === 0 ? 'success' : 'notApplied'),
    // v1.0 (reference/graph-signins.md): the home tenant and the one signed in to. The demo's people are all members;
    // an account that does not exist has no home tenant to name.
    ...(p ? { homeTenantId: DEMO_TENANT_ID, resourceTenantId: DEMO_TENANT_ID } : {}),
    // beta only (v1.0 leaves it out): the request id of the first request of the sign-in sequence.
    originalRequestId: a.id,
    ...extra,
  };
  return record;
}
