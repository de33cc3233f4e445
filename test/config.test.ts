import { withDemoTenant } from '../src/demo/settings';
import { CONFIG_SETTINGS, loadConfig } from '../src/config';
import { indexSpan } from '../src/signins/sources';

const production = {
  MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  MicrosoftAppPassword: 'bot-secret-value',
  AZURE_TENANT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  AZURE_CLIENT_ID: '99999999-2222-3333-4444-555555555555',
  AZURE_CLIENT_SECRET: 'graph-secret-value',
};

describe('configuration', () => {
  it('runs in demo mode with sensible defaults when nothing is configured', () => {
    const result = loadConfig({});
    if (!result.ok) throw new Error(result.errors.join('; '));
    expect(result.config.mode).toBe('demo');
    expect(result.config.server).toEqual({ port: 3978, host: '127.0.0.1' });
    expect(result.config.graph.endpoint).toBe('https://graph.microsoft.com');
    expect(result.config.defaultWindowDays).toBe(7);
    expect(result.config.access.readerRoleIds).toHaveLength(6);
    expect(result.config.access.rateLimitPerMinute).toBe(20);
    expect(result.config.tickets.sink).toBe('graph-mail');
  });

  it('turns the helpdesk fixes on with an OAuth connection only (issue 21); the demo names its own', () => {
    const off = loadConfig({ ...production, SSO_CONNECTION_NAME: '' });
    expect(off.ok && off.config.fixes).toBeNull();
    const on = loadConfig({ ...production, SSO_CONNECTION_NAME: 'graph', SSO_RESOURCE_URI: 'api://botid-x' });
    expect(on.ok && on.config.fixes).toEqual({ connectionName: 'graph', resourceUri: 'api://botid-x' });
    const demo = loadConfig({});
    expect(demo.ok && demo.config.fixes).toBeNull();
    expect(demo.ok && withDemoTenant(demo.config).fixes?.connectionName).toBe('graph-delegated');
  });

  it('is demo mode when DEMO=true even with production settings', () => {
    const result = loadConfig({ ...production, DEMO: 'true' });
    expect(result.ok && result.config.mode).toBe('demo');
  });

  it('never falls back to demo mode when DEMO=false, and lists what is missing instead', () => {
    const result = loadConfig({ DEMO: 'false' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.some((e) => e.startsWith('MicrosoftAppId: missing'))).toBe(true);
  });

  it('reads a complete production configuration', () => {
    const result = loadConfig({
      ...production,
      GRAPH_ENDPOINT: 'https://graph.microsoft.us/',
      PORT: '8080',
      HELPDESK_GROUP_IDS: '9d3a0000-0000-4000-8000-000000000001, 9d3a0000-0000-4000-8000-000000000002',
      TICKET_SINK: 'none',
    });
    if (!result.ok) throw new Error(result.errors.join('; '));
    expect(result.config.mode).toBe('production');
    expect(result.config.bot.appId).toBe(production.MicrosoftAppId);
    expect(result.config.graph.endpoint).toBe('https://graph.microsoft.us');
    expect(result.config.server.port).toBe(8080);
    expect(result.config.access.helpdeskGroupIds).toEqual([
      '9d3a0000-0000-4000-8000-000000000001',
      '9d3a0000-0000-4000-8000-000000000002',
    ]);
  });

  it('lists every missing production setting, one clear line each', () => {
    const result = loadConfig({ MicrosoftAppId: production.MicrosoftAppId });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.stringMatching(/^MicrosoftAppTenantId: missing/),
      expect.stringMatching(/^AZURE_TENANT_ID: missing/),
      expect.stringMatching(/^AZURE_CLIENT_ID: missing/),
      expect.stringMatching(/^MicrosoftAppPassword: missing/),
    ]);
  });

  describe('in production mode', () => {
    const errorsOf = (env: Record<string, string>) => {
      const result = loadConfig({ TICKET_SINK: 'none', ...env });
      return result.ok ? [] : result.errors;
    };

    it('takes the defaults of every setting left unset', () => {
      const result = loadConfig({ ...production, TICKET_SINK: 'none' });
      if (!result.ok) throw new Error(result.errors.join('; '));
      expect(result.config.mode).toBe('production');
      for (const spec of CONFIG_SETTINGS)
        if (spec.default !== undefined)
          expect([spec.name, spec.schema.safeParse(spec.default).success]).toEqual([spec.name, true]);
      expect(result.config.graph.timeoutMs).toBe(8000);
      expect(result.config.defaultTimeZone).toBe('UTC');
      expect(result.config.state).toEqual({ store: 'file', dir: '.state', timeoutMs: 3000 });
    });

    it('names a bad value: the setting, what is expected, and what it got', () => {
      const errors = errorsOf({ ...production, GRAPH_TIMEOUT_MS: '0' });
      expect(errors).toHaveLength(1);
      const [setting, rest] = errors[0].split(/: (.*)/s);
      expect(setting).toBe('GRAPH_TIMEOUT_MS');
      expect(rest).toMatch(/above 0/);
      expect(rest).toContain('(got "0")');
      expect(errorsOf({ ...production, MicrosoftAppType: 'MultiTenant' })[0]).toMatch(
        /^MicrosoftAppType: .*SingleTenant, UserAssignedMSI.*\(got "MultiTenant"\)$/,
      );
    });

    it('names a missing required value and why it is needed', () => {
      const { AZURE_CLIENT_ID: _omit, ...rest } = production;
      expect(errorsOf(rest)).toEqual([expect.stringMatching(/^AZURE_CLIENT_ID: missing — \S/)]);
    });

    it('lists a bad value and a missing one together, and never a bad value as missing too', () => {
      const { AZURE_TENANT_ID: _omit, ...rest } = production;
      const errors = errorsOf({ ...rest, PORT: 'eighty', MicrosoftAppType: 'Other' });
      expect(errors.map((e) => e.split(':')[0]).sort()).toEqual(['AZURE_TENANT_ID', 'MicrosoftAppType', 'PORT']);
    });
  });

  it('refuses a production configuration without a bot app id', () => {
    const { MicrosoftAppId: _omit, ...rest } = production;
    const result = loadConfig(rest);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.some((e) => e.startsWith('MicrosoftAppId: missing'))).toBe(true);
  });

  it('rejects bad values and never echoes a secret', () => {
    const result = loadConfig({
      ...production,
      PORT: 'eighty',
      GRAPH_ENDPOINT: 'http://graph.example',
      DEFAULT_TIME_ZONE: 'Mars/Olympus',
      MicrosoftAppType: 'MultiTenant',
      TICKET_SINK: 'fax',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.errors.join('\n');
    for (const name of ['PORT', 'GRAPH_ENDPOINT', 'DEFAULT_TIME_ZONE', 'MicrosoftAppType', 'TICKET_SINK'])
      expect(text).toMatch(new RegExp(`^${name}: `, 'm'));
    expect(text).not.toContain(production.MicrosoftAppPassword);
    expect(text).not.toContain(production.AZURE_CLIENT_SECRET);
  });

  it('asks for the settings of the chosen ticket sink', () => {
    const result = loadConfig({
      ...production,
      TICKET_SINK: 'servicenow',
      SERVICENOW_INSTANCE_URL: 'https://contoso.service-now.com',
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toEqual([
        expect.stringMatching(/^SERVICENOW_USERNAME: missing/),
        expect.stringMatching(/^SERVICENOW_PASSWORD: missing/),
      ]);
  });

  it('marks every password and secret setting as secret', () => {
    for (const spec of CONFIG_SETTINGS) {
      if (/PASSWORD|SECRET/i.test(spec.name)) expect(spec.secret).toBe(true);
      if (spec.secret) expect(spec.default).toBeUndefined();
    }
  });

  it('takes per-tenant pattern thresholds as JSON and names what is wrong with them', () => {
    const ok = loadConfig({ PATTERN_THRESHOLDS: '{"mfaFatigue":{"minDenied":3,"windowMinutes":5}}' });
    expect(ok.ok && ok.config.patternThresholds).toEqual({ mfaFatigue: { minDenied: 3, windowMinutes: 5 } });
    const problems = (env: string) => {
      const r = loadConfig({ PATTERN_THRESHOLDS: env });
      return r.ok ? [] : r.errors;
    };
    expect(problems('{"mfaFatigue":{"minDenied":"three"}}')).toEqual([
      'PATTERN_THRESHOLDS: mfaFatigue.minDenied must be a number (got "{"mfaFatigue":{"minDenied":"three"}}")',
    ]);
    expect(problems('{"mfaFatige":{}}')[0]).toMatch(/^PATTERN_THRESHOLDS: mfaFatige is not a known threshold/);
    expect(problems('{not json')[0]).toMatch(/^PATTERN_THRESHOLDS: must be JSON/);
  });
  it("sends people to Microsoft's self-service pages unless the tenant names its own (SELF_SERVICE_URLS)", () => {
    const defaults = loadConfig({});
    expect(defaults.ok && defaults.config.selfServiceUrls).toEqual({
      passwordReset: 'https://aka.ms/sspr',
      securityInfo: 'https://aka.ms/mysecurityinfo',
      companyPortal: 'https://portal.manage.microsoft.com',
    });
    const own = loadConfig({ SELF_SERVICE_URLS: '{"passwordReset":"https://passwordreset.contoso.com/"}' });
    expect(own.ok && own.config.selfServiceUrls.passwordReset).toBe('https://passwordreset.contoso.com/');
    expect(own.ok && own.config.selfServiceUrls.securityInfo).toBe('https://aka.ms/mysecurityinfo');
    const problems = (env: string) => {
      const r = loadConfig({ SELF_SERVICE_URLS: env });
      return r.ok ? [] : r.errors;
    };
    expect(problems('{"reset":"https://x.example"}')[0]).toMatch(
      /^SELF_SERVICE_URLS: reset is not one of passwordReset/,
    );
    expect(problems('{"passwordReset":"http://x.example"}')[0]).toMatch(
      /^SELF_SERVICE_URLS: passwordReset must be an https address/,
    );
    expect(problems('{not json')[0]).toMatch(/^SELF_SERVICE_URLS: must be JSON/);
  });
  it('keeps the live index on auto by default (24 h, then back to 7 days within SIGNIN_INDEX_MAX_MB); takes a whole number of hours or 0; names a bad value', () => {
    const graphOf = (env: Record<string, string>) => {
      const r = loadConfig(env);
      if (!r.ok) throw new Error(r.errors.join('; '));
      return r.config.graph;
    };
    expect(graphOf({})).toMatchObject({ signInIndexHours: 'auto', signInIndexMaxMb: 512 });
    expect(indexSpan(graphOf({}))).toEqual({ hours: 24, extendToHours: 168, budgetBytes: 512 * 1024 ** 2 });
    expect(graphOf({ SIGNIN_INDEX_HOURS: '48', SIGNIN_INDEX_MAX_MB: '64' })).toMatchObject({
      signInIndexHours: 48,
      signInIndexMaxMb: 64,
    });
    expect(indexSpan(graphOf({ SIGNIN_INDEX_HOURS: '48' }))).toEqual({ hours: 48 });
    expect(graphOf({ SIGNIN_INDEX_HOURS: '0' }).signInIndexHours).toBe(0);
    const errors = (env: Record<string, string>) => {
      const r = loadConfig(env);
      return r.ok ? [] : r.errors;
    };
    expect(errors({ SIGNIN_INDEX_HOURS: 'week' })).toEqual([expect.stringMatching(/^SIGNIN_INDEX_HOURS: .*auto/)]);
    expect(errors({ SIGNIN_INDEX_HOURS: '-5' })).toEqual([expect.stringMatching(/^SIGNIN_INDEX_HOURS: /)]);
    expect(errors({ SIGNIN_INDEX_MAX_MB: '0' })).toEqual([expect.stringMatching(/^SIGNIN_INDEX_MAX_MB: .*above 0/)]);
  });

  describe('state store settings', () => {
    const AZURITE =
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;';
    const errorsOf = (env: Record<string, string>) => {
      const r = loadConfig(env);
      return r.ok ? [] : r.errors;
    };

    it('defaults to the file store under .state, which npm start needs nothing for', () => {
      const result = loadConfig({});
      expect(result.ok && result.config.state).toEqual({ store: 'file', dir: '.state', timeoutMs: 3000 });
    });

    it('blob with the managed identity in production; a connection string only for Azurite on this machine', () => {
      const blob = loadConfig({
        ...production,
        TICKET_SINK: 'none',
        STATE_STORE: 'blob',
        STATE_BLOB_ACCOUNT_URL: 'https://contoso.blob.core.windows.net',
        STATE_BLOB_CLIENT_ID: 'c1d2',
      });
      expect(blob.ok && blob.config.state).toEqual({
        store: 'blob',
        container: 'botstate',
        accountUrl: 'https://contoso.blob.core.windows.net',
        clientId: 'c1d2',
        connectionString: undefined,
        timeoutMs: 3000,
      });
      const demo = loadConfig({
        STATE_STORE: 'blob',
        STATE_BLOB_CONNECTION_STRING: AZURITE,
        STATE_BLOB_CONTAINER: 'two-instances',
      });
      expect(demo.ok && demo.config.state).toMatchObject({
        store: 'blob',
        container: 'two-instances',
        connectionString: AZURITE,
      });
      expect(
        errorsOf({
          ...production,
          TICKET_SINK: 'none',
          STATE_STORE: 'blob',
          STATE_BLOB_CONNECTION_STRING: AZURITE.replace(
            'http://127.0.0.1:10000',
            'https://contoso.blob.core.windows.net',
          ),
        }),
      ).toEqual([
        'STATE_BLOB_CONNECTION_STRING: only for Azurite on this machine; in production use STATE_BLOB_ACCOUNT_URL with the managed identity',
      ]);
    });

    it('names bad combinations, one line each, without echoing the connection string', () => {
      expect(errorsOf({ STATE_STORE: 'blob' })).toEqual([
        'STATE_STORE=blob: set STATE_BLOB_ACCOUNT_URL (managed identity) or, for Azurite, STATE_BLOB_CONNECTION_STRING',
      ]);
      expect(
        errorsOf({
          STATE_STORE: 'blob',
          STATE_BLOB_ACCOUNT_URL: 'https://a.blob.core.windows.net',
          STATE_BLOB_CONNECTION_STRING: AZURITE,
        }),
      ).toEqual(['STATE_BLOB_ACCOUNT_URL / STATE_BLOB_CONNECTION_STRING: set one, not both']);
      expect(errorsOf({ STATE_BLOB_CONNECTION_STRING: AZURITE })).toEqual([
        'STATE_BLOB_CONNECTION_STRING: only used with STATE_STORE=blob (STATE_STORE is file)',
      ]);
      expect(errorsOf({ STATE_STORE: 'redis' })[0]).toMatch(/^STATE_STORE: /);
      expect(
        errorsOf({
          STATE_STORE: 'blob',
          STATE_BLOB_ACCOUNT_URL: 'https://a.blob.core.windows.net',
          STATE_BLOB_CONTAINER: 'Bot_State',
        })[0],
      ).toMatch(/^STATE_BLOB_CONTAINER: must be a container name/);
      expect(
        errorsOf({
          STATE_STORE: 'blob',
          STATE_BLOB_CONNECTION_STRING: 'x',
          STATE_BLOB_ACCOUNT_URL: 'https://a.blob.core.windows.net',
        }).join('\n'),
      ).not.toContain('AccountKey');
    });
  });
});
