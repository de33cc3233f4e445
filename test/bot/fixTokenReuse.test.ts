/**
 * Issue 21, token reuse: the delegated token a fix click exchanged is kept in memory until shortly
 * before it expires, so a second fix by the same helpdesk person needs no second exchange (counted
 * at the demo tenant's Token Service); an expired one is exchanged afresh; a 403 forgets it. Over the
 * real HTTP server, CloudAdapter and UserTokenClient against the demo tenant; the clock is injected.
 */
import { DemoTenant } from '../../src/demo/tenant';
import { DelegatedTokenCache, TOKEN_REUSE_MARGIN_MS } from '../../src/bot/delegatedTokenCache';
import { NOW, startApp, type RunningApp } from '../support/app';
import { asker, click, idOf } from '../support/fixClicks';

const HOUR = 3_600_000;
let clock = NOW.getTime();
let running: RunningApp;

beforeEach(async () => {
  clock = NOW.getTime();
  const tenant = new DemoTenant({ now: NOW, clock: () => clock });
  running = await startApp({}, { demoTenant: tenant, now: () => new Date(clock) });
});
afterEach(() => running.stop());

const exchanges = () => running.tenant.tokenService.counters.tokenExchanges;
const megan = idOf('Megan Bowen');

async function confirm(who: ReturnType<typeof asker>, fix: string, signInId: string) {
  const data = { fix, userId: megan, signInId, language: 'en' };
  await click(running, who, 'fix', data);
  return click(running, who, 'fixConfirm', data);
}

it('two confirmations by one person: one exchange; another person: their own', async () => {
  const nestor = asker('Nestor Wilke');
  expect((await confirm(nestor, 'revokeSessions', 'reuse-1')).statusCode).toBe(200);
  expect((await confirm(nestor, 'requirePasswordChange', 'reuse-2')).statusCode).toBe(200);
  expect(running.tenant.delegated.actions.map((a) => a.action)).toEqual(['revokeSessions', 'requirePasswordChange']);
  expect(exchanges()).toBe(1);
  // Henrietta's fix is made with her own token, not Nestor's.
  await confirm(asker('Henrietta Mueller'), 'temporaryAccessPass', 'reuse-3');
  expect(exchanges()).toBe(2);
  expect(running.tenant.delegated.actions.at(-1)).toMatchObject({
    action: 'temporaryAccessPass',
    caller: idOf('Henrietta Mueller'),
  });
});

it('a token near its expiry is exchanged again', async () => {
  const nestor = asker('Nestor Wilke');
  await confirm(nestor, 'revokeSessions', 'expiry-1');
  expect(exchanges()).toBe(1);
  clock += HOUR - TOKEN_REUSE_MARGIN_MS + 1000;
  await confirm(nestor, 'requirePasswordChange', 'expiry-2');
  expect(exchanges()).toBe(2);
  expect(running.tenant.delegated.actions).toHaveLength(2);
});

it('a 403 forgets the token: the next click exchanges afresh', async () => {
  const nestor = asker('Nestor Wilke');
  await confirm(nestor, 'revokeSessions', 'refused-1');
  // A Temporary Access Pass needs an Authentication Administrator: Entra refuses Nestor.
  const refused = await confirm(nestor, 'temporaryAccessPass', 'refused-2');
  expect(JSON.stringify(refused.value)).toMatch(/Authentication Administrator/);
  expect(exchanges()).toBe(1);
  await confirm(nestor, 'requirePasswordChange', 'refused-3');
  expect(exchanges()).toBe(2);
});

describe('DelegatedTokenCache', () => {
  it('keys by person and connection, drops a token within the margin, and is cleared per person', () => {
    let now = 0;
    const cache = new DelegatedTokenCache(() => now, 1000);
    cache.set('A', 'graph', 'token-a', new Date(10_000).toISOString());
    cache.set('b', 'graph', 'token-b', new Date(10_000).toISOString());
    expect(cache.get('a', 'graph')).toBe('token-a');
    expect(cache.get('a', 'other')).toBeNull();
    now = 9_000;
    expect(cache.get('a', 'graph')).toBeNull();
    expect(cache.size).toBe(1);
    now = 0;
    cache.clear('B');
    expect(cache.get('b', 'graph')).toBeNull();
    // Without an expiry (TokenResponse or JWT exp) nothing is kept.
    cache.set('c', 'graph', 'opaque');
    expect(cache.get('c', 'graph')).toBeNull();
  });
});
