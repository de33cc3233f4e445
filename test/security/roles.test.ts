/**
 * Who is a sign-in reader: holders of the configured directory roles (directly or through a
 * role-assignable group) and transitive members of the helpdesk groups. Decisions are cached per
 * person for READER_CACHE_SECONDS, and the cache really expires.
 */
import { messageCard, wording } from '../../src/cards/render';
import { cardToText } from '../../src/cards/text';
import { loadConfig, CONFIG_SETTINGS } from '../../src/config';
import { DemoTenant } from '../../src/demo/tenant';
import {
  DEMO_GROUPS,
  DEMO_HELPDESK_GROUP_IDS,
  DEMO_PEOPLE,
  ROLE_TEMPLATE,
  type DemoPerson,
} from '../../src/demo/people';
import { GraphReaderDirectory } from '../../src/access/readers';
import { createGraphClient } from '../../src/graph/client';
import { demoAuthProvider, DemoTenantTransport } from '../../src/demo/graphTransport';
import { cardsIn, postActivity, teamsCardAction, teamsMessage, type AskerInfo } from '../../src/tools/activities';
import { NOW, startApp, type RunningApp } from '../support/app';

const MEGAN_ID = '00000000-0000-0000-0000-0000000000021';
const person = (displayName: string): DemoPerson => DEMO_PEOPLE.find((p) => p.displayName === displayName)!;
const asker = (p: DemoPerson, conversationId?: string): AskerInfo => ({
  aadObjectId: p.id,
  name: p.displayName,
  conversationId,
});
const NOT_ALLOWED = messageCard('en', wording('en').notAllowedTitle, [wording('en').notAllowedText]).content;
const QUESTION = 'why did Megan Bowen fail to sign in yesterday?';
const DEFAULT_ROLES = CONFIG_SETTINGS.find((s) => s.name === 'SIGNIN_READER_ROLE_IDS')!.default!.split(',');

/** Asks about Megan as `who`; returns the card and the sign-in requests it caused. */
async function askAboutMegan(running: RunningApp, who: DemoPerson, text = QUESTION) {
  const before = running.tenant.requestLog.length;
  const result = await postActivity(running.url, teamsMessage(text, asker(who)));
  const [card] = cardsIn(result);
  const requests = running.tenant.requestLog.slice(before);
  return {
    card,
    text: cardToText(card),
    signInRequests: requests.filter((r) => r.path.startsWith('/auditLogs')),
    requests,
  };
}

function expectAllowed(outcome: Awaited<ReturnType<typeof askAboutMegan>>): void {
  expect(outcome.text).toContain('for Megan Bowen between');
  expect(outcome.text).not.toContain('You can only look up');
}

function expectRefused(outcome: Awaited<ReturnType<typeof askAboutMegan>>): void {
  expect(outcome.card).toEqual(NOT_ALLOWED);
  expect(outcome.signInRequests).toEqual([]);
  // No directory search for Megan either: only the asker's own membership was read.
  expect(outcome.requests.filter((r) => r.path === '/users' || r.path.startsWith(`/users/${MEGAN_ID}`))).toEqual([]);
}

const membershipRequests = (running: RunningApp, userId: string) =>
  running.tenant.requestLog.filter(
    (r) => r.path === `/users/${userId}/transitiveMemberOf/microsoft.graph.directoryRole`,
  ).length;

describe('sign-in readers (default configuration)', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ RATE_LIMIT_PER_MINUTE: '1000', GRAPH_REPORTS_MAX_REQUESTS: '1000' });
  });
  afterAll(() => running.stop());

  // [who, how they are a reader]
  const READERS: [string, string][] = [
    ['Alex Wilber', 'Reports Reader, assigned directly'],
    ['Henrietta Mueller', 'Global Reader, assigned directly'],
    ['Lee Gu', 'Security Operator, assigned directly'],
    ['Grady Archie', 'Security Reader through a role-assignable group'],
    ['Daan Visser', 'direct member of the helpdesk group'],
    ['Nestor Wilke', 'member of a group nested in the helpdesk group'],
  ];

  it.each(READERS)("%s (%s) may read Megan's sign-ins, filtered by her id", async (name) => {
    const outcome = await askAboutMegan(running, person(name));
    expectAllowed(outcome);
    // At most one read per kind of sign-in (interactive, non-interactive), each filtered by her id.
    expect(outcome.signInRequests.length).toBeLessThanOrEqual(2);
    for (const r of outcome.signInRequests) expect(r.filter).toMatch(new RegExp(`^userId eq '${MEGAN_ID}' and `));
  });

  it.each(READERS)('%s may ask tenant-wide questions', async (name) => {
    const result = await postActivity(
      running.url,
      teamsMessage('who failed to sign in yesterday?', asker(person(name))),
    );
    expect(cardToText(cardsIn(result)[0])).toContain('for anyone between');
  });

  it('Diego Siciliani (Helpdesk Administrator only) is not a reader by default', async () => {
    expectRefused(await askAboutMegan(running, person('Diego Siciliani')));
    const click = await postActivity(
      running.url,
      teamsCardAction('choosePerson', { intent: 'failures', userId: MEGAN_ID }, asker(person('Diego Siciliani'))),
    );
    expect(cardsIn(click)).toEqual([NOT_ALLOWED]);
  });

  it('people without a role or helpdesk group are not readers (a Sales group member, a disabled account)', async () => {
    expectRefused(await askAboutMegan(running, person('Isaiah Langer')));
    expectRefused(await askAboutMegan(running, person('Miriam Graham')));
    expectRefused(await askAboutMegan(running, person('Cameron White')));
  });

  it('the help card tells a reader and a non-reader what they may ask', async () => {
    const help = async (p: DemoPerson) =>
      cardToText(cardsIn(await postActivity(running.url, teamsMessage('help', asker(p))))[0]);
    expect(await help(person('Nestor Wilke'))).toContain(wording('en').helpScopeHelpdesk);
    expect(await help(person('Diego Siciliani'))).toContain(wording('en').helpScopeUser);
  });

  it('the default reader roles are exactly the six sign-in reading roles, and Helpdesk Administrator is not one', () => {
    expect(new Set(DEFAULT_ROLES)).toEqual(
      new Set([
        ROLE_TEMPLATE.globalAdministrator,
        ROLE_TEMPLATE.securityAdministrator,
        ROLE_TEMPLATE.securityOperator,
        ROLE_TEMPLATE.securityReader,
        ROLE_TEMPLATE.reportsReader,
        ROLE_TEMPLATE.globalReader,
      ]),
    );
    expect(DEFAULT_ROLES).not.toContain(ROLE_TEMPLATE.helpdeskAdministrator);
    const config = loadConfig({ DEMO: 'true' });
    expect(config.ok && config.config.access.readerCacheSeconds).toBe(300);
  });

  it('caches a decision: a second question makes no new membership request', async () => {
    const lee = person('Lee Gu');
    const before = membershipRequests(running, lee.id);
    await askAboutMegan(running, lee, 'why did Megan Bowen fail to sign in this week?');
    await askAboutMegan(running, lee, 'why did Megan Bowen fail to sign in last week?');
    await postActivity(running.url, teamsCardAction('retry', { intent: 'failures', userId: MEGAN_ID }, asker(lee)));
    // Lee asked above already (READERS): every question here is answered from the cached decision.
    expect(before).toBe(1);
    expect(membershipRequests(running, lee.id)).toBe(1);
  });
});

describe('configured reader roles and helpdesk groups', () => {
  it('SIGNIN_READER_ROLE_IDS including Helpdesk Administrator makes Diego a reader', async () => {
    const running = await startApp({
      SIGNIN_READER_ROLE_IDS: [...DEFAULT_ROLES, ROLE_TEMPLATE.helpdeskAdministrator].join(','),
    });
    try {
      expectAllowed(await askAboutMegan(running, person('Diego Siciliani')));
      expectRefused(await askAboutMegan(running, person('Cameron White')));
    } finally {
      await running.stop();
    }
  });

  it('the role list is what is configured: without Reports Reader, Alex is refused', async () => {
    const running = await startApp({
      SIGNIN_READER_ROLE_IDS: DEFAULT_ROLES.filter((r) => r !== ROLE_TEMPLATE.reportsReader).join(','),
    });
    try {
      expectRefused(await askAboutMegan(running, person('Alex Wilber')));
      expectAllowed(await askAboutMegan(running, person('Henrietta Mueller')));
    } finally {
      await running.stop();
    }
  });

  it('HELPDESK_GROUP_IDS replaces the demo helpdesk group: Sales members become readers, the IT helpdesk does not', async () => {
    const running = await startApp({ HELPDESK_GROUP_IDS: DEMO_GROUPS.sales.id });
    try {
      expectAllowed(await askAboutMegan(running, person('Isaiah Langer')));
      expectRefused(await askAboutMegan(running, person('Daan Visser')));
      expectRefused(await askAboutMegan(running, person('Nestor Wilke')));
      // The membership check asks Graph about the configured group only.
      const checks = running.tenant.requestLog.filter((r) => r.path.endsWith('/checkMemberGroups'));
      expect(checks.length).toBeGreaterThan(0);
    } finally {
      await running.stop();
    }
  });
});

describe('the decision cache expires', () => {
  /** A tenant whose people can lose a role during the test. */
  function mutableTenant(): DemoTenant {
    return new DemoTenant({
      now: NOW,
      people: DEMO_PEOPLE.map((p) => ({ ...p, roles: [...p.roles], groups: [...p.groups] })),
    });
  }

  it('READER_CACHE_SECONDS=1: a new membership request after expiry, none before', async () => {
    let now = NOW.getTime();
    const running = await startApp({ READER_CACHE_SECONDS: '1' }, { now: () => new Date(now) });
    try {
      const lee = person('Lee Gu');
      await askAboutMegan(running, lee);
      now += 999;
      await askAboutMegan(running, lee, 'why did Megan Bowen fail to sign in this week?');
      expect(membershipRequests(running, lee.id)).toBe(1);
      now += 2;
      expectAllowed(await askAboutMegan(running, lee));
      expect(membershipRequests(running, lee.id)).toBe(2);
    } finally {
      await running.stop();
    }
  });

  it('a revoked role stops working once the cache expires, for new questions, follow-ups and clicks', async () => {
    const tenant = mutableTenant();
    let now = NOW.getTime();
    const running = await startApp({ READER_CACHE_SECONDS: '1' }, { demoTenant: tenant, now: () => new Date(now) });
    try {
      const alex = tenant.people.find((p) => p.displayName === 'Alex Wilber')!;
      const conversation = 'a:alex-revoked';
      const ask = async (text: string) =>
        cardsIn(await postActivity(running.url, teamsMessage(text, asker(alex, conversation))))[0];
      expect(cardToText(await ask(QUESTION))).toContain('for Megan Bowen between');

      alex.roles.length = 0; // the role is removed in Entra
      // Still cached: allowed for up to READER_CACHE_SECONDS.
      expect(cardToText(await ask(QUESTION))).toContain('for Megan Bowen between');
      now += 1001;

      const before = tenant.signInRequests().length;
      expect(await ask('and the day before?')).toEqual(NOT_ALLOWED);
      expect(await ask('show more')).toEqual(NOT_ALLOWED);
      expect(await ask('who failed to sign in yesterday?')).toEqual(NOT_ALLOWED);
      const click = await postActivity(
        running.url,
        teamsCardAction('showMore', { offset: 10 }, asker(alex, conversation)),
      );
      expect(cardsIn(click)).toEqual([NOT_ALLOWED]);
      const choose = await postActivity(
        running.url,
        teamsCardAction('choosePerson', { intent: 'failures', userId: MEGAN_ID }, asker(alex, conversation)),
      );
      expect(cardsIn(choose)).toEqual([NOT_ALLOWED]);
      expect(tenant.signInRequests().length).toBe(before);
      // …but he may still ask about himself.
      // (His own failures: the headline says them with their window, or the subtitle says whose and when.)
      expect(cardToText(await ask("why can't I sign in?"))).toMatch(/^You had .+ between |for you between/m);
    } finally {
      await running.stop();
    }
  });

  it('GraphReaderDirectory alone: cached within cacheSeconds, asked again after, one request for concurrent callers', async () => {
    const tenant = new DemoTenant({ now: NOW });
    const client = createGraphClient({
      endpoint: 'https://graph.microsoft.com',
      authProvider: demoAuthProvider,
      transport: new DemoTenantTransport(tenant),
      timeoutMs: 5000,
    });
    let now = 1_000_000;
    const policy = new GraphReaderDirectory(client, {
      readerRoleIds: DEFAULT_ROLES,
      helpdeskGroupIds: DEMO_HELPDESK_GROUP_IDS,
      cacheSeconds: 1,
      now: () => now,
    });
    const count = (id: string) => tenant.requestLog.filter((r) => r.path.startsWith(`/users/${id}/`)).length;
    const nestor = person('Nestor Wilke');
    const diego = person('Diego Siciliani');

    const decisions = await Promise.all([
      policy.readerDecision(nestor.id),
      policy.readerDecision(nestor.id),
      policy.readerDecision(nestor.id),
    ]);
    expect(decisions.map((d) => d.reader)).toEqual([true, true, true]);
    expect(decisions[0].because).toBe(`group:${DEMO_GROUPS.helpdesk.id}`);
    expect(count(nestor.id)).toBe(2); // transitiveMemberOf (no role) + checkMemberGroups (nested group)

    expect(await policy.readerDecision(diego.id)).toEqual({ reader: false, because: null });
    expect((await policy.readerDecision(person('Grady Archie').id)).because).toBe('role:Security Reader');
    expect(await policy.readerDecision('5e1f0000-0000-4000-8000-0000deadbeef')).toEqual({
      reader: false,
      because: null,
    });

    now += 999;
    await policy.readerDecision(nestor.id);
    expect(count(nestor.id)).toBe(2);
    now += 2;
    await policy.readerDecision(nestor.id);
    expect(count(nestor.id)).toBe(4);
  });
});
