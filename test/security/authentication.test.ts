/**
 * With production settings the Bot Framework adapter authenticates every POST /api/messages
 * (JWT from the Bot Connector): without a valid token nothing reaches the bot, and Graph is never
 * called. (A production configuration without MicrosoftAppId is refused by loadConfig: see
 * test/config.test.ts.)
 */
import { MemoryStateStore } from '../../src/state';
import pino from 'pino';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { postActivity, teamsCardAction, teamsMessage } from '../../src/tools/activities';

const TENANT = '3c5e7a91-0d2b-4f68-9a1c-5b7e2d4f8a60';
const BOT_PASSWORD = 'BotPw~8q.Zr4-production-secret';
const GRAPH_SECRET = 'GraphSecret~3k.Vm9-production-secret';
const PRODUCTION = {
  MicrosoftAppId: '0b8d4c2e-6f1a-4e3b-9d7c-2a5f8e1b3c4d',
  MicrosoftAppTenantId: TENANT,
  MicrosoftAppPassword: BOT_PASSWORD,
  AZURE_TENANT_ID: TENANT,
  AZURE_CLIENT_ID: '7e2a9c4b-1d3f-4a5e-8b6c-0f9d2e4a7b1c',
  AZURE_CLIENT_SECRET: GRAPH_SECRET,
  TICKET_SINK: 'none',
  // The live index would start reading graph.microsoft.com at once: no outbound connections here.
  SIGNIN_INDEX_HOURS: '0',
};
const MEGAN = { aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen', tenantId: TENANT };

// Well-formed tokens (signed, forged, unverifiable) are tested in tokens.test.ts against a loopback key service.

let app: App;
let url: string;
const logLines: string[] = [];
let asked: jest.SpyInstance;
let acted: jest.SpyInstance;

beforeAll(async () => {
  const result = loadConfig(PRODUCTION);
  if (!result.ok) throw new Error(result.errors.join('; '));
  expect(result.config.mode).toBe('production');
  app = createApp(result.config, {
    stateStore: new MemoryStateStore(),
    logger: pino({ level: 'trace' }, { write: (line: string) => logLines.push(line) }),
  });
  asked = jest.spyOn(app.troubleshooter, 'ask');
  acted = jest.spyOn(app.troubleshooter, 'act');
  url = await app.listen(0, '127.0.0.1');
});
afterAll(() => app.close());

describe('production settings: POST /api/messages requires a Bot Framework token', () => {
  it.each([
    ['no Authorization header', {}],
    ['a garbage bearer token', { authorization: 'Bearer garbage' }],
    ['an empty bearer token', { authorization: 'Bearer ' }],
    [
      'Basic authentication',
      { authorization: `Basic ${Buffer.from(`${PRODUCTION.MicrosoftAppId}:${BOT_PASSWORD}`).toString('base64')}` },
    ],
    ["the bot's own password as a bearer token", { authorization: `Bearer ${BOT_PASSWORD}` }],
  ])('answers 401 to a message with %s, and the bot never sees it', async (_label, headers) => {
    const result = await postActivity(url, teamsMessage("why can't I sign in?", MEGAN), headers);
    expect(result.status).toBe(401);
    expect(JSON.stringify(result.body)).not.toContain(BOT_PASSWORD);
    expect(asked).not.toHaveBeenCalled();
  });

  it('answers 401, not 400, to an unauthenticated request whose body is not even an activity', async () => {
    for (const body of ['[1,2,3]', '{"type":', '{"type":"message","text":42}']) {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(401);
    }
  });

  it('answers 401, not 400 naming what is wrong, to a garbage bearer token whatever the body (issue 24, item 10)', async () => {
    const deep = `${'{"x":'.repeat(5_000)}{}${'}'.repeat(5_000)}`;
    const activity = teamsMessage("why can't I sign in?", MEGAN);
    const bodies = [
      '[1,2,3]',
      '{"type":',
      '{"type":"message","text":42}',
      '',
      JSON.stringify({ ...activity, entities: [{ text: 'no type' }] }),
      JSON.stringify(activity).replace(/}$/, `,"value":${deep}}`),
    ];
    for (const body of bodies) {
      for (const authorization of ['Bearer garbage', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.']) {
        const response = await fetch(`${url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body,
        });
        expect(response.status).toBe(401);
        expect(await response.text()).not.toMatch(/malformed|JSON|nests|entity|type/i);
      }
    }
    expect(asked).not.toHaveBeenCalled();
  });

  it('answers 401 to an unauthenticated card action (adaptiveCard/action invoke)', async () => {
    const result = await postActivity(
      url,
      teamsCardAction('openTicket', { signInId: 'x', userId: MEGAN.aadObjectId }, MEGAN),
    );
    expect(result.status).toBe(401);
    expect(acted).not.toHaveBeenCalled();
  });

  it('still answers /healthz with status and version only (no tenant id, no mode, no secrets)', async () => {
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    const body: unknown = await response.json();
    expect(body).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) as unknown });
    expect(JSON.stringify(body)).not.toContain(TENANT);
    expect(JSON.stringify(body)).not.toMatch(/Secret|BotPw/);
  });

  it('logs no secret while refusing', () => {
    const all = logLines.join('\n');
    expect(all).not.toContain(BOT_PASSWORD);
    expect(all).not.toContain(GRAPH_SECRET);
    expect(all).not.toContain('garbage');
  });
});

describe('demo mode is the only unauthenticated mode', () => {
  it('is chosen only when no bot app id and no tenant are configured, or DEMO is set', () => {
    const bare = loadConfig({});
    expect(bare.ok && bare.config.mode).toBe('demo');
    const withAppId = loadConfig({ ...PRODUCTION });
    expect(withAppId.ok && withAppId.config.mode).toBe('production');
    // A tenant alone makes it production, and production refuses to start without the app id.
    const tenantOnly = loadConfig({ AZURE_TENANT_ID: TENANT, TICKET_SINK: 'none' });
    expect(tenantOnly.ok).toBe(false);
  });
});
