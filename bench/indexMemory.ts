/**
 * Memory of the live sign-in index per record, measured on the heap plus ArrayBuffers (after a full
 * GC) while it holds
 * a synthetic day of a large tenant: `users` people signing in `perUserPerDay` times a day to a few
 * apps from two devices and a few addresses each, 5 % failures over five codes.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEMO_APPS } from '../src/demo/signInGenerator';
import { LiveSignInIndex } from '../src/signins/live/memoryIndex';
import { prng } from '../src/demo/signInGenerator';

export interface IndexMemoryResult {
  records: number;
  parts: number;
  heapBytesPerRecord: number;
  estimatedBytesPerRecord: number;
  rssMb: number;
  seconds: number;
}

const APPS = Object.values(DEMO_APPS);
const CODES = [50126, 50053, 53003, 50074, 500121];

/** The JavaScript heap plus ArrayBuffers (the index's typed-array columns live outside the heap). */
function held(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

function gc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

export function syntheticRecord(i: number, users: number, now: number, random: () => number): SignIn {
  const u = i % users;
  const device = Math.floor(random() * 2);
  const ip = Math.floor(random() * 3);
  const app = APPS[(u + Math.floor(random() * 4)) % APPS.length];
  const failed = random() < 0.05;
  const code = failed ? CODES[Math.floor(random() * CODES.length)] : 0;
  const id = `f00d0000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
  return {
    id,
    createdDateTime: new Date(now - Math.floor(random() * 86_400) * 1000).toISOString().replace('.000Z', 'Z'),
    userId: `b0b00000-0000-4000-8000-${u.toString(16).padStart(12, '0')}`,
    userDisplayName: `Person ${u}`,
    userPrincipalName: `person${u}@example.com`,
    appId: app.appId,
    appDisplayName: app.appDisplayName,
    resourceDisplayName: app.resourceDisplayName,
    resourceId: app.resourceId,
    correlationId: `c0de0000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    ipAddress: `198.51.${u % 250}.${10 + ip}`,
    clientAppUsed: 'Browser',
    conditionalAccessStatus: failed && code === 53003 ? 'failure' : 'success',
    isInteractive: true,
    riskLevelDuringSignIn: 'none',
    riskEventTypes_v2: [],
    status: {
      errorCode: code,
      failureReason: failed ? 'Sign-in failed.' : 'Other.',
      additionalDetails: failed ? 'Details of the failure.' : undefined,
    },
    deviceDetail: {
      deviceId: device ? `d0000000-0000-4000-8000-${u.toString(16).padStart(12, '0')}` : '',
      displayName: device ? `LAPTOP-${u}` : '',
      operatingSystem: device ? 'Windows 11' : 'iOS 18',
      browser: device ? 'Edge 131.0.0' : 'Mobile Safari',
      isCompliant: Boolean(device),
      isManaged: Boolean(device),
      trustType: device ? 'Azure AD joined' : '',
    },
    location: {
      city: 'Amsterdam',
      state: 'Noord-Holland',
      countryOrRegion: 'NL',
      geoCoordinates: { latitude: 52.37, longitude: 4.89 },
    },
    appliedConditionalAccessPolicies: [
      {
        id: 'ca000001-0000-4000-8000-000000000002',
        displayName: 'Require MFA for all users',
        enforcedGrantControls: ['Mfa'],
        enforcedSessionControls: [],
        result: 'success',
      },
    ],
  };
}

export function benchIndexMemory(records: number, users: number): IndexMemoryResult {
  const now = Date.now();
  const random = prng(7);
  gc();
  const before = held();
  const started = performance.now();
  const index = new LiveSignInIndex({
    hours: 25,
    maxRecords: records + 1,
    maxBytes: Number.MAX_SAFE_INTEGER,
    maxStalenessMs: 60_000,
  });
  for (let i = 0; i < records; i += 10_000) {
    const batch: SignIn[] = [];
    for (let j = i; j < Math.min(records, i + 10_000); j++) batch.push(syntheticRecord(j, users, now, random));
    index.add(batch);
  }
  const seconds = (performance.now() - started) / 1000;
  gc();
  const after = held();
  const stats = index.stats();
  const result = {
    records: stats.records,
    parts: stats.parts,
    heapBytesPerRecord: (after - before) / stats.records,
    estimatedBytesPerRecord: stats.bytes / stats.records,
    rssMb: process.memoryUsage().rss / 1024 ** 2,
    seconds,
  };
  // Keep the index alive until measured.
  if (index.stats().records < 0) throw new Error('unreachable');
  return result;
}
