/** Big demo tenants for the benchmark. */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DemoTenant } from '../src/demo/tenant';
import { DEMO_PEOPLE } from '../src/demo/people';
import { generateSignIns, newestFirst, prng } from '../src/demo/signInGenerator';
import { syntheticRecord } from './indexMemory';

export const NOW = new Date('2026-11-27T10:00:00Z');
const MEGAN_ID = DEMO_PEOPLE.find((p) => p.displayName === 'Megan Bowen')!.id;

/**
 * A tenant of `size` sign-ins: Megan's real demo records, plus copies of the other demo records
 * given new ids and spread over 10,000 synthetic people. Copies are shallow (nested objects shared).
 */
export function tenantOfSize(size: number): DemoTenant {
  const base = generateSignIns({ now: NOW, people: DEMO_PEOPLE });
  const megan = base.filter((r) => r.userId === MEGAN_ID);
  const others = base.filter((r) => r.userId !== MEGAN_ID);
  const signIns: SignIn[] = megan.slice(0, size);
  for (let i = 0; signIns.length < size; i++) {
    const source = others[i % others.length];
    const n = i % 10_000;
    const userId = `b0b00000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
    signIns.push({
      ...source,
      id: `c10e0000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      userId,
      userPrincipalName: `synthetic${n}@example.com`,
      userDisplayName: `Synthetic Person ${n}`,
    });
  }
  return new DemoTenant({ now: NOW, signIns });
}

/**
 * A day of a large tenant as the live index would hold it: `size` synthetic sign-ins of `people`
 * people over the 24 hours before `now` (bench/indexMemory.ts `syntheticRecord`), newest first.
 */
export function dayTenant(size: number, people: number, now = Date.now()): DemoTenant {
  const random = prng(7);
  const signIns: SignIn[] = [];
  for (let i = 0; i < size; i++) signIns.push(syntheticRecord(i, people, now, random));
  signIns.sort(newestFirst);
  return new DemoTenant({ now: new Date(now), signIns });
}
