/**
 * Generates the demo tenant's sign-in log: complete Graph `signIn` records, deterministic for a
 * given `now`, spread over the last 30 days, newest first; the kinds v1.0 does not return (see
 * otherSignIns.ts) carry beta's `signInEventTypes`.
 *
 * Each person's `stories` decide their failures. The six Playground users get a failure episode in
 * every 4-hour slot of the last three days, so that "yesterday" has failures in any time zone.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DEMO_PEOPLE, type DemoPerson, type Story } from './people';
import { otherKindsOfSignIn } from './otherSignIns';
import { backgroundSignIns } from './backgroundSignIns';
import { keepDisabledAccountsOut } from './disabledAccounts';
import { laptopOf } from './managedDevices';
import { prng, randomHex } from './random';
import { DEMO_APPS, EVERYDAY_APPS, FOREIGN, type App, type Device, type Where } from './signInCatalog';
import { demoSignIn } from './signInRecord';
import { storyEpisode, type EpisodeTools } from './storyEpisodes';

export { prng } from './random';
export { DEMO_APPS } from './signInCatalog';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface GeneratorOptions {
  now: Date;
  seed?: number;
  people?: readonly DemoPerson[];
  /** Days of history; 30 is what a P1/P2 tenant keeps. */
  days?: number;
  /** Successful sign-ins per person per day, roughly. */
  successesPerDay?: number;
  /** Token refreshes per person per day and the realistic background around the stories (backgroundSignIns.ts); 0 or absent: none. */
  nonInteractivePerDay?: number;
}

const PLAYGROUND_IDS = new Set(DEMO_PEOPLE.slice(0, 6).map((p) => p.id));

/** Builds records for one tenant. */
export function generateSignIns(options: GeneratorOptions): SignIn[] {
  const now = options.now.getTime();
  const random = prng(options.seed ?? 20261127);
  const people = options.people ?? DEMO_PEOPLE;
  const days = options.days ?? 30;
  const successesPerDay = options.successesPerDay ?? 2.2;
  const out: SignIn[] = [];

  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const hex = (n: number) => randomHex(random, n);
  const guid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;

  const homeOf = (p: DemoPerson): Where => ({
    country: p.country,
    city: p.city,
    state: p.city,
    ip: `${p.country === 'US' ? '20.42' : p.country === 'NL' ? '145.53' : '81.2'}.${(p.id.charCodeAt(p.id.length - 1) % 200) + 10}.${(p.id.charCodeAt(p.id.length - 2) % 200) + 20}`,
  });
  const deviceOf = laptopOf;

  // The correlation id is drawn before the record's own id (as always: the demo data stays the same).
  function record(
    p: DemoPerson | null,
    at: number,
    code: number,
    app: App,
    where: Where,
    device: Device,
    extra: Partial<SignIn> = {},
    correlationId = guid(),
  ): SignIn {
    return demoSignIn({ correlationId, id: guid(), person: p, at, code, app, where, device, extra });
  }

  const tools: EpisodeTools = { random, pick, guid, record, homeOf, deviceOf };
  const episode = (p: DemoPerson, story: Story, at: number) => out.push(...storyEpisode(tools, p, story, at));

  for (const p of people) {
    const home = homeOf(p);
    const device = deviceOf(p);
    // Everyday successes across the window (and the occasional interrupt that then succeeds).
    const successes = Math.round(days * successesPerDay);
    for (let i = 0; i < successes; i++) {
      const at = now - random() * days * DAY;
      const app = pick(EVERYDAY_APPS);
      if (random() < 0.08) {
        const correlation = guid();
        const interrupt = record(
          p,
          at,
          pick([50058, 50140, 50140, 50058, 50097, 50125]),
          app,
          home,
          device,
          {},
          correlation,
        );
        out.push(interrupt);
        // The success that follows belongs to the same sequence: beta's originalRequestId names its first request.
        out.push(
          record(
            p,
            at + 20_000,
            0,
            app,
            home,
            device,
            { originalRequestId: interrupt.id } as Partial<SignIn>,
            correlation,
          ),
        );
      } else {
        out.push(record(p, at, 0, app, home, device));
      }
    }
    if (p.stories.includes('unusualLocation')) {
      // One successful sign-in from the foreign country too, a week ago.
      const away = FOREIGN[0];
      out.push(
        record(
          p,
          now - 7 * DAY,
          0,
          DEMO_APPS.outlook,
          { country: away.country, city: away.city, state: away.state, ip: `${away.ipPrefix}.5` },
          device,
        ),
      );
    }
    const failureStories = p.stories.filter((s) => s !== 'quiet' && s !== 'mfaPromptThenSuccess');
    const prompts = p.stories.includes('mfaPromptThenSuccess');
    if (PLAYGROUND_IDS.has(p.id)) {
      // One episode in every 4-hour slot of the last three days: any 8-hour stretch has a failure.
      for (let slot = 0; slot < 18; slot++) {
        const at = now - (slot + 1) * 4 * HOUR + random() * 3.5 * HOUR;
        const story = failureStories[slot % failureStories.length];
        // The lockout story shows as an occasional lockout run between single wrong passwords.
        episode(p, story === 'lockout' && slot % 3 !== 1 ? 'wrongPassword' : story, at);
        if (prompts) episode(p, 'mfaPromptThenSuccess', at - 2 * HOUR);
      }
      for (let day = 3; day < days; day += 2) episode(p, pick(failureStories), now - day * DAY - random() * DAY);
    } else {
      for (let day = 0; day < days; day += 3) {
        if (failureStories.length > 0 && random() < 0.6)
          episode(p, pick(failureStories), now - day * DAY - random() * 3 * DAY);
        if (prompts) episode(p, 'mfaPromptThenSuccess', now - day * DAY - random() * 3 * DAY);
      }
    }
  }

  // Tenant-wide stories: a password spray yesterday, and sign-ins by names that do not exist.
  const sprayAt = now - DAY - 3 * HOUR;
  const sprayWhere: Where = { country: 'NG', city: 'Lagos', state: 'Lagos', ip: '198.51.100.77' };
  const sprayDevice: Device = {
    os: 'Linux',
    browser: 'Python Requests 2.31',
    compliant: false,
    managed: false,
    trustType: '',
    name: '',
    id: '',
  };
  people.slice(6, 14).forEach((p, i) =>
    out.push(
      record(p, sprayAt + i * 95_000, 50126, DEMO_APPS.officeHome, sprayWhere, sprayDevice, {
        clientAppUsed: 'Other clients',
      }),
    ),
  );
  for (let i = 0; i < 6; i++) {
    const upn = pick(['admin@example.com', 'test@example.com', 'alex.wilber@example.com', 'sales@example.com']);
    out.push(
      record(null, now - random() * 10 * DAY, 50034, DEMO_APPS.officeHome, sprayWhere, sprayDevice, {
        userPrincipalName: upn,
        userDisplayName: upn,
      }),
    );
  }
  for (let i = 0; i < 8; i++) {
    const p = pick(people);
    out.push(record(p, now - random() * 5 * DAY, 700016, DEMO_APPS.legacyPortal, homeOf(p), deviceOf(p)));
  }

  const interactive = out
    .filter((r) => Date.parse(r.createdDateTime as string) <= now)
    .map((r) => ({ ...r, isInteractive: true, signInEventTypes: ['interactiveUser'] }));
  const stories = [...interactive, ...otherKindsOfSignIn(interactive, now)];
  if (!options.nonInteractivePerDay) return keepDisabledAccountsOut(stories.sort(newestFirst), people, now);
  const templates = new Map<string, SignIn>();
  for (const r of interactive)
    if (r.userId && !templates.has(r.userId) && r.status?.errorCode === 0) templates.set(r.userId, r);
  const background = backgroundSignIns(people, templates, {
    now,
    days,
    nonInteractivePerDay: options.nonInteractivePerDay,
    seed: (options.seed ?? 20261127) + 1,
  });
  return keepDisabledAccountsOut([...stories, ...background].sort(newestFirst), people, now);
}

/** ISO-8601 UTC stamps order as strings; a plain comparison is many times faster than localeCompare on big tenants. */
export function newestFirst(a: SignIn, b: SignIn): number {
  const x = a.createdDateTime as string;
  const y = b.createdDateTime as string;
  return x < y ? 1 : x > y ? -1 : 0;
}
