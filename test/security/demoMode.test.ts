/**
 * Demo mode believes what an activity says about its sender, so it is held
 * to what a local demo sends. It listens on loopback unless HOST says otherwise (and then warns
 * loudly), answers only the demo tenant's own people, posts replies only to a serviceUrl on this
 * machine, and its /healthz keeps mode and tenant for local tools. The demo tenant keeps an encoded
 * '/' inside its path segment.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { createApp } from '../../src/app';
import { RefusedServiceUrl, TroubleshooterAdapter } from '../../src/bot/adapter';
import { isLoopbackUrl } from '../../src/shared/loopback';
import { cardToText } from '../../src/cards/text';
import { loadConfig } from '../../src/config';
import { DEMO_TENANT_ID } from '../../src/demo/wiring';
import { DemoTenant } from '../../src/demo/tenant';
import { GraphPeopleDirectory } from '../../src/directory/people';
import { createGraphClient } from '../../src/graph/client';
import { DemoTenantTransport, demoAuthProvider } from '../../src/demo/graphTransport';
import { GraphSignInLog } from '../../src/signins/signInLog';
import { cardsIn, postActivity, teamsCardAction, teamsMessage } from '../../src/tools/activities';
import { NOW, startApp, type RunningApp } from '../support/app';
import { PRODUCTION } from '../support/production';
import { rawRequest } from '../support/raw';
import { parseLogLine } from '../support/logLines';

const MEGAN = { aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' };
let running: RunningApp;
beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.stop());

/** A loopback stand-in for a channel's connector service: records what the bot posts. */
async function startChannel(): Promise<{
  url: string;
  posts: { path: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}> {
  const posts: { path: string; body: Record<string, unknown> }[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      posts.push({ path: req.url ?? '', body: data ? (JSON.parse(data) as Record<string, unknown>) : {} });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `posted-${posts.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    posts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('askers', () => {
  it.each([
    ['a well-formed GUID that is nobody in the demo tenant', '3f2504e0-4f89-41d3-9a0c-0305e82c3301'],
    ['a Playground-shaped id that is nobody', '00000000-0000-0000-0000-0000000000099'],
    ['a name instead of an id', 'Megan Bowen'],
  ])('refuses %s with 400 and no Graph request', async (_label, aadObjectId) => {
    const before = running.tenant.requestLog.length;
    const result = await postActivity(
      running.url,
      teamsMessage('why did Megan Bowen fail to sign in?', { aadObjectId, name: 'Someone' }),
    );
    expect(result.status).toBe(400);
    expect((result.body as { error: string }).error).toContain("demo mode answers only the demo tenant's people");
    expect(running.tenant.requestLog.length).toBe(before);
  });

  it("answers the demo tenant's people, whatever the letter case of their id", async () => {
    const result = await postActivity(
      running.url,
      teamsMessage("why can't I sign in?", { ...MEGAN, aadObjectId: MEGAN.aadObjectId.toUpperCase() }),
    );
    expect(result.status).toBe(200);
    expect(cardsIn(result)).toHaveLength(1);
  });
});

describe('replies go only to this machine', () => {
  it.each([
    'https://smba.trafficmanager.net/emea/',
    'http://169.254.169.254/latest/',
    'http://10.0.0.5/',
    'https://127.0.0.1.attacker.example/',
    'not a url',
  ])('refuses a message delivered normally with serviceUrl %s (400), and posts nothing', async (serviceUrl) => {
    const result = await postActivity(running.url, {
      ...teamsMessage("why can't I sign in?", MEGAN),
      deliveryMode: 'normal',
      serviceUrl,
    });
    expect(result.status).toBe(400);
    expect((result.body as { error: string }).error).toContain('serviceUrl must be a loopback address');
  });

  it('posts the answer to a loopback serviceUrl (the Playground and other local channels work)', async () => {
    const channel = await startChannel();
    try {
      const result = await postActivity(running.url, {
        ...teamsMessage("why can't I sign in?", MEGAN),
        deliveryMode: 'normal',
        serviceUrl: channel.url,
      });
      expect(result.status).toBe(200);
      const cards = channel.posts.flatMap((p) =>
        ((p.body.attachments as { content: Record<string, unknown> }[] | undefined) ?? []).map((a) => a.content),
      );
      expect(cards.map((c) => cardToText(c)).join('\n')).toContain('What to do now');
    } finally {
      await channel.close();
    }
  });

  it('the adapter itself refuses to post to any other serviceUrl (late answers, turn errors)', async () => {
    const adapter = new TroubleshooterAdapter(new ConfigurationBotFrameworkAuthentication({}), isLoopbackUrl);
    const reference = {
      conversation: { id: 'a:1', isGroup: false, conversationType: 'personal', name: '' },
      bot: { id: '28:bot', name: 'bot' },
      channelId: 'msteams',
    };
    await expect(
      adapter.continueConversationAsync(
        '',
        { ...reference, serviceUrl: 'https://smba.trafficmanager.net/emea/' },
        async (context) => {
          await context.sendActivity('late answer');
        },
      ),
    ).rejects.toBeInstanceOf(RefusedServiceUrl);
    const channel = await startChannel();
    try {
      await adapter.continueConversationAsync('', { ...reference, serviceUrl: channel.url }, async (context) => {
        await context.sendActivity('late answer');
      });
      expect(channel.posts.map((p) => p.body.text)).toEqual(['late answer']);
    } finally {
      await channel.close();
    }
  });

  it('still answers invokes and expectReplies messages in the HTTP response, whatever their serviceUrl', async () => {
    const click = await postActivity(running.url, teamsCardAction('noSuchVerb', {}, MEGAN));
    expect(click.status).toBe(200);
    expect(cardsIn(click)).toHaveLength(1);
  });
});

describe('the address demo mode listens on', () => {
  const warnings = (lines: string[]) =>
    lines.map(parseLogLine).filter((l) => l.level === 40 && /DEMO MODE IS LISTENING ON/.test(l.msg ?? ''));

  it('is loopback unless HOST says otherwise', () => {
    const config = loadConfig({});
    expect(config.ok && config.config.mode).toBe('demo');
    expect(config.ok && config.config.server.host).toBe('127.0.0.1');
  });

  it.each([
    ['0.0.0.0', 1],
    ['::', 1],
    ['192.168.1.20', 1],
    ['127.0.0.1', 0],
    ['localhost', 0],
    ['::1', 0],
  ])('HOST=%s: %i loud warning(s) in demo mode', (host, expected) => {
    const result = loadConfig({ HOST: host });
    if (!result.ok) throw new Error(result.errors.join('; '));
    const lines: string[] = [];
    createApp(result.config, {
      logger: pino({ level: 'info' }, { write: (l: string) => void lines.push(l) }),
      demoTenant: new DemoTenant({ now: NOW }),
    });
    expect(warnings(lines)).toHaveLength(expected);
  });

  it('does not warn in production, where the token check guards the endpoint', () => {
    const result = loadConfig({ ...PRODUCTION, HOST: '0.0.0.0' });
    if (!result.ok) throw new Error(result.errors.join('; '));
    const lines: string[] = [];
    createApp(result.config, { logger: pino({ level: 'info' }, { write: (l: string) => void lines.push(l) }) });
    expect(warnings(lines)).toEqual([]);
  });
});

describe('/healthz', () => {
  it('keeps mode and tenant in demo mode (local tools read them)', async () => {
    // A fresh connection (node:http, no keep-alive): the tests above leave pooled ones idle past the server's keep-alive.
    const health = await rawRequest(running.url, { method: 'GET', path: '/healthz' });
    expect(JSON.parse(health.body) as unknown).toEqual({
      status: 'ok',
      version: expect.any(String) as unknown,
      mode: 'demo',
      tenantId: DEMO_TENANT_ID,
    });
  });
});

describe('ids in Graph URL paths', () => {
  const tenant = new DemoTenant({ now: NOW });
  const graph = createGraphClient({
    endpoint: 'https://graph.microsoft.com',
    authProvider: demoAuthProvider,
    transport: new DemoTenantTransport(tenant),
  });
  const ALEX_ID = '00000000-0000-0000-0000-0000000000020';

  it.each([
    `meganb@example.com/../${ALEX_ID}`,
    `${ALEX_ID}/transitiveMemberOf`,
    `x/../../users/${ALEX_ID}`,
    `${ALEX_ID}%2F`,
    `${ALEX_ID}?$select=id`,
    `${ALEX_ID}#`,
  ])('a person looked up as %j is nobody, never another resource', async (id) => {
    expect(await new GraphPeopleDirectory(graph).get(id)).toBeNull();
  });

  it('a sign-in read by an id holding a path is not found', async () => {
    const log = new GraphSignInLog(graph, { pageSize: 50, maxPages: 1 });
    const real = tenant.signIns[0].id!;
    expect(await log.byId(real)).toMatchObject({ id: real });
    expect(await log.byId(`${real}/..`)).toBeNull();
    expect(await log.byId(`x/../${real}`)).toBeNull();
  });

  it('the demo tenant does not decode %2F into a new segment', () => {
    const answer = tenant.handle({
      method: 'GET',
      url: `https://graph.microsoft.com/v1.0/users/meganb%40example.com%2F..%2F${ALEX_ID}`,
      headers: { authorization: 'Bearer x' },
    });
    expect(answer.status).toBe(404);
    const roles = tenant.handle({
      method: 'GET',
      url: `https://graph.microsoft.com/v1.0/users/${ALEX_ID}%2FtransitiveMemberOf`,
      headers: { authorization: 'Bearer x' },
    });
    expect(roles.status).toBe(404);
    const bad = tenant.handle({
      method: 'GET',
      url: 'https://graph.microsoft.com/v1.0/users/%E0%A4%A',
      headers: { authorization: 'Bearer x' },
    });
    expect(bad.status).toBe(400);
  });
});
