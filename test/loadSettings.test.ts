/** The process's settings: the product's Config and, in demo mode only, the demo's own (src/demo/settings.ts). */
import { CONFIG_SETTINGS, loadConfig } from '../src/config';
import { DEMO_CONFIG_SETTINGS, DEMO_TENANT_ID, DEMO_TICKET_MAILBOX, withDemoTenant } from '../src/demo/wiring';
import { loadSettings } from '../src/loadSettings';

const production = {
  MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
  MicrosoftAppTenantId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  MicrosoftAppPassword: 'bot-secret-value',
  AZURE_TENANT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  AZURE_CLIENT_ID: '99999999-2222-3333-4444-555555555555',
  AZURE_CLIENT_SECRET: 'graph-secret-value',
  TICKET_SINK: 'none',
};
const errorsOf = (env: Record<string, string>) => {
  const result = loadSettings(env);
  return result.ok ? [] : result.errors;
};

describe('settings at start', () => {
  it("demo mode: the demo's settings with their defaults (the realistic tenant), no shared tenant", () => {
    const result = loadSettings({});
    if (!result.ok) throw new Error(result.errors.join('; '));
    expect(result.config.mode).toBe('demo');
    expect(result.demoSettings).toMatchObject({ sharedTenant: undefined, latency: true });
    expect(result.demoSettings!.nonInteractivePerDay).toBeGreaterThan(0);
    expect(result.demoSettings!.permissions).toContain('AuditLog.Read.All');
  });

  it('production mode: no demo settings read; a shared demo tenant named there is refused', () => {
    const result = loadSettings({ ...production, DEMO_GRAPH_LATENCY: 'off' });
    expect(result.ok && result.demoSettings).toBeUndefined();
    expect(errorsOf({ ...production, DEMO_GRAPH_URL: 'https://127.0.0.1:9443' })).toEqual([
      expect.stringMatching(/^DEMO_GRAPH_URL: /),
    ]);
  });

  it('a shared demo tenant needs its URL and certificate, on this machine only', () => {
    const shared = loadSettings({ DEMO_GRAPH_URL: 'https://127.0.0.1:9443/', DEMO_GRAPH_CA_FILE: '/tmp/ca.pem' });
    expect(shared.ok && shared.demoSettings?.sharedTenant).toEqual({
      url: 'https://127.0.0.1:9443',
      caFile: '/tmp/ca.pem',
    });
    expect(errorsOf({ DEMO_GRAPH_URL: 'https://127.0.0.1:9443' })).toEqual([
      expect.stringMatching(/^DEMO_GRAPH_URL \/ DEMO_GRAPH_CA_FILE: /),
    ]);
    expect(errorsOf({ DEMO_GRAPH_URL: 'https://graph.example.com', DEMO_GRAPH_CA_FILE: '/tmp/ca.pem' })).toEqual([
      expect.stringMatching(/^DEMO_GRAPH_URL: /),
    ]);
    expect(errorsOf({ DEMO_GRAPH_URL: 'http://127.0.0.1:9443', DEMO_GRAPH_CA_FILE: '/tmp/ca.pem' })).toEqual([
      expect.stringMatching(/^DEMO_GRAPH_URL: .*\(got "http:\/\/127\.0\.0\.1:9443"\)$/),
    ]);
  });

  it('the demo runs as the demo tenant, with its mailboxes unless the settings name others', () => {
    const loaded = loadConfig({});
    if (!loaded.ok) throw new Error(loaded.errors.join('; '));
    expect(loaded.config.graph.tenantId).toBe('');
    const demo = withDemoTenant(loaded.config);
    expect(demo.graph.tenantId).toBe(DEMO_TENANT_ID);
    expect(demo.tickets.mailbox).toBe(DEMO_TICKET_MAILBOX);
    const own = loadConfig({ TICKET_MAILBOX: 'bot@contoso.example' });
    expect(own.ok && withDemoTenant(own.config).tickets.mailbox).toBe('bot@contoso.example');
  });

  it('every demo setting says it is for demo mode only and is no product setting', () => {
    expect(DEMO_CONFIG_SETTINGS.map((s) => s.name).sort()).toEqual([
      'DEMO_GRAPH_CA_FILE',
      'DEMO_GRAPH_LATENCY',
      'DEMO_GRAPH_PERMISSIONS',
      'DEMO_GRAPH_URL',
      'DEMO_NONINTERACTIVE_PER_DAY',
      'DEMO_SILENT_SSO',
    ]);
    for (const spec of DEMO_CONFIG_SETTINGS) expect(spec.description).toMatch(/^Demo mode only/);
    const product = new Set(CONFIG_SETTINGS.map((s) => s.name));
    expect(DEMO_CONFIG_SETTINGS.filter((s) => product.has(s.name))).toEqual([]);
  });
});
