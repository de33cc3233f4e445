/**
 * Environment → typed, validated Config.
 *
 * Every setting the bot reads is named once, in SETTINGS (meaning, whether it is a secret, its
 * default, its zod schema), and read as a typed value. The deployment templates and their tests
 * are checked against CONFIG_SETTINGS, so a new setting without an app setting in Azure fails a test.
 */
import { z } from 'zod';
import patternDefaults from '../diagnosis/patterns.json';
import incidentDefaults from '../incidents/patterns.json';
import selfServiceDefaults from './selfService.json';
import type { Config, ConfigResult, SettingSpec } from './types';
import {
  anyUrl,
  bool,
  eventTypeList,
  guidList,
  httpsUrl,
  overridesOf,
  permissionList,
  positiveInt,
  text,
  timeZone,
  urlOverrides,
  wholeNumber,
} from './values';

export type { Config, ConfigResult, SettingSpec, StateConfig } from './types';

/** The self-service pages' ids and Microsoft's addresses for them (selfService.json). */
export const SELF_SERVICE_IDS = ['passwordReset', 'securityInfo', 'companyPortal'] as const;
const SELF_SERVICE_DEFAULTS = Object.fromEntries(
  SELF_SERVICE_IDS.map((id) => [id, selfServiceDefaults[id].url]),
) as Record<(typeof SELF_SERVICE_IDS)[number], string>;

/**
 * Every setting, named once: its meaning, whether it is a secret, its default and its zod schema.
 * The values are typed by their schemas (`Values`), so the compiler checks every name read below.
 */
const SETTINGS = {
  DEMO: {
    description: 'Force demo mode (built-in demo tenant, no Bot Framework authentication).',
    secret: false,
    schema: bool,
  },
  MicrosoftAppId: {
    description: 'Bot app registration (client) id. Required outside demo mode.',
    secret: false,
    production: true,
    schema: text,
  },
  MicrosoftAppType: {
    description: 'SingleTenant or UserAssignedMSI.',
    secret: false,
    default: 'SingleTenant',
    production: true,
    schema: z.enum(['SingleTenant', 'UserAssignedMSI']),
  },
  MicrosoftAppTenantId: {
    description: 'Tenant id of the bot app registration.',
    secret: false,
    production: true,
    schema: text,
  },
  MicrosoftAppPassword: {
    description: 'Client secret of the bot app registration (SingleTenant only).',
    secret: true,
    production: true,
    schema: text,
  },
  AZURE_TENANT_ID: {
    description: 'Tenant whose sign-in logs the bot reads; Teams activities from other tenants are refused.',
    secret: false,
    production: true,
    schema: text,
  },
  AZURE_CLIENT_ID: {
    description: 'App (client) id used for Microsoft Graph, or the client id of a user-assigned managed identity.',
    secret: false,
    production: true,
    schema: text,
  },
  AZURE_CLIENT_SECRET: {
    description: 'Client secret for Microsoft Graph (leave empty for certificate or managed identity).',
    secret: true,
    production: true,
    schema: text,
  },
  AZURE_CLIENT_CERTIFICATE_PATH: {
    description: 'PEM certificate (with private key) for Microsoft Graph, instead of a secret.',
    secret: false,
    production: true,
    schema: text,
  },
  AZURE_CLIENT_CERTIFICATE_PASSWORD: {
    description: 'Password of the certificate file, if it has one.',
    secret: true,
    production: true,
    schema: text,
  },
  GRAPH_ENDPOINT: {
    description: 'Microsoft Graph root for national clouds.',
    secret: false,
    default: 'https://graph.microsoft.com',
    schema: httpsUrl,
  },
  PORT: { description: 'HTTP port of the bot.', secret: false, default: '3978', schema: positiveInt },
  HOST: { description: 'Address the bot listens on.', secret: false, default: '127.0.0.1', schema: text },
  LOG_LEVEL: {
    description: 'pino log level.',
    secret: false,
    default: 'info',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  },
  DEFAULT_TIME_ZONE: {
    description: 'Time zone used when Teams sends none.',
    secret: false,
    default: 'UTC',
    schema: timeZone,
  },
  DEFAULT_WINDOW_DAYS: {
    description: 'Days searched when a question names no time.',
    secret: false,
    default: '7',
    schema: positiveInt,
  },
  LOG_RETENTION_DAYS: {
    description: 'How far back the tenant keeps sign-ins (7 without Entra ID P1/P2, 30 with).',
    secret: false,
    default: '30',
    schema: positiveInt,
  },
  HELPDESK_GROUP_IDS: {
    description: "Object ids of groups whose (transitive) members may read everyone's sign-ins.",
    secret: false,
    default: '',
    schema: guidList,
  },
  SIGNIN_READER_ROLE_IDS: {
    description: "Directory role template ids whose holders may read everyone's sign-ins.",
    secret: false,
    default:
      '62e90394-69f5-4237-9190-012177145e10,f2ef992c-3afb-46b9-b7cf-a126ee74c451,194ae4cb-b126-40b2-bd5b-6091b380977d,5d6b6bb7-de71-4623-b4af-96380a352509,5f2222b1-57c3-48ba-8ad5-d4759f1fde6f,4a5d8f65-41da-4de4-8968-e035b65339cf',
    schema: guidList,
  },
  READER_CACHE_SECONDS: {
    description: 'How long directory answers are cached: "may read others" decisions and people found by name or UPN.',
    secret: false,
    default: '300',
    schema: positiveInt,
  },
  RATE_LIMIT_PER_MINUTE: {
    description: 'Questions one person may ask per minute.',
    secret: false,
    default: '20',
    schema: positiveInt,
  },
  GRAPH_REPORTS_MAX_REQUESTS: {
    description: 'Sign-in log requests allowed per window (Graph allows about 5 per 10 s per tenant).',
    secret: false,
    default: '5',
    schema: positiveInt,
  },
  GRAPH_REPORTS_WINDOW_SECONDS: {
    description: 'Length of that window.',
    secret: false,
    default: '10',
    schema: positiveInt,
  },
  SIGNIN_CACHE_SECONDS: {
    description: 'How long sign-in query results are reused (0: only identical questions in flight share a read).',
    secret: false,
    default: '60',
    schema: wholeNumber,
  },
  GRAPH_TIMEOUT_MS: {
    description: 'Timeout of one Microsoft Graph request.',
    secret: false,
    default: '8000',
    schema: positiveInt,
  },
  TURN_BUDGET_MS: {
    description: 'After this long the bot answers "still looking" and sends the card when ready.',
    secret: false,
    default: '10000',
    schema: positiveInt,
  },
  MAX_SIGNIN_PAGES: {
    description:
      'Sign-in log pages (up to 1,000 sign-ins each) one question reads at most, across its reads (interactive sign-ins first); a window not read whole is said on the card.',
    secret: false,
    default: '3',
    schema: positiveInt,
  },
  GRAPH_REPORTS_TIMEOUT_MS: {
    description:
      "Timeout of one sign-in log page (Graph's reporting API is slow on wide windows); a page that times out is tried again after a pause.",
    secret: false,
    default: '30000',
    schema: positiveInt,
  },
  SIGNIN_READ_SECONDS: {
    description:
      "Time one question's sign-in reads may take, retries included; then the answer is given from what was read and says how far back that reached.",
    secret: false,
    default: '120',
    schema: positiveInt,
  },
  SIGNIN_INDEX_HOURS: {
    description:
      'Hours of the sign-in log kept in memory and polled, so that questions about them need no Graph read (0: off).',
    secret: false,
    default: '24',
    schema: wholeNumber,
  },
  PATTERN_THRESHOLDS: {
    description:
      'Overrides of the pattern thresholds (src/diagnosis/patterns.json; incidents: src/incidents/patterns.json under "incidents") as JSON, e.g. {"mfaFatigue":{"minDenied":3},"incidents":{"appFailing":{"minPeople":20}}}.',
    secret: false,
    default: '{}',
    schema: overridesOf({ ...patternDefaults, incidents: incidentDefaults }),
  },
  SELF_SERVICE_URLS: {
    description:
      'Overrides of the self-service pages a person asking about themselves is sent to (src/config/selfService.json), as JSON, e.g. {"passwordReset":"https://passwordreset.contoso.com"}; keys: passwordReset, securityInfo, companyPortal.',
    secret: false,
    default: '{}',
    schema: urlOverrides(SELF_SERVICE_IDS),
  },
  SSO_CONNECTION_NAME: {
    description:
      "The Azure Bot's OAuth connection (Microsoft Entra ID v2, with token exchange) whose delegated Graph token helpdesk fixes use (issue 21, docs/deploy.md); unset: no fix buttons.",
    secret: false,
    production: true,
    schema: text,
  },
  SSO_RESOURCE_URI: {
    description:
      "The bot's Application ID URI (api://<BOT_DOMAIN>/botid-<MicrosoftAppId>): the Teams SSO token's audience, sent in the sign-in request of a fix click (manifest webApplicationInfo.resource).",
    secret: false,
    production: true,
    schema: text,
  },
  DEMO_SILENT_SSO: {
    description:
      "Demo mode only: on lets the bot fetch a demo person's SSO token from the demo tenant when a fix is clicked (standing in for the Teams client's silent sign-in, which the Agents Playground lacks); off answers the fix click with the sign-in request (HTTP 401) as in Teams.",
    secret: false,
    default: 'on',
    schema: z.enum(['on', 'off']),
  },
  TICKET_SINK: {
    description: 'Where "Open support ticket" goes: graph-mail, webhook, servicenow or none.',
    secret: false,
    schema: z.enum(['graph-mail', 'webhook', 'servicenow', 'none']),
  },
  HELPDESK_EMAIL: { description: 'Helpdesk address that receives e-mailed tickets.', secret: false, schema: z.email() },
  TICKET_MAILBOX: {
    description: 'Mailbox (UPN) the bot sends ticket mail from (needs Mail.Send).',
    secret: false,
    schema: text,
  },
  TICKET_WEBHOOK_URL: { description: 'URL that receives tickets as signed JSON.', secret: false, schema: anyUrl },
  TICKET_WEBHOOK_SECRET: { description: 'HMAC-SHA256 key for the webhook signature.', secret: true, schema: text },
  SERVICENOW_INSTANCE_URL: {
    description: 'ServiceNow instance, e.g. https://contoso.service-now.com.',
    secret: false,
    schema: anyUrl,
  },
  SERVICENOW_USERNAME: { description: 'ServiceNow user that creates incidents.', secret: false, schema: text },
  SERVICENOW_PASSWORD: { description: 'Password of that ServiceNow user.', secret: true, schema: text },
  STATE_STORE: {
    description:
      'Where the bot keeps follow-ups, the ticket ledger and rate counters: file (one machine, survives restarts) or blob (Azure Blob Storage, shared by all instances).',
    secret: false,
    default: 'file',
    schema: z.enum(['file', 'blob']),
  },
  STATE_DIR: { description: 'Folder of the file state store.', secret: false, default: '.state', schema: text },
  STATE_BLOB_ACCOUNT_URL: {
    description:
      'Blob endpoint of the state storage account, e.g. https://contoso.blob.core.windows.net (signed in with the managed identity).',
    secret: false,
    schema: anyUrl,
  },
  STATE_BLOB_CONTAINER: {
    description: 'Private blob container of the state store.',
    secret: false,
    default: 'botstate',
    schema: z
      .string()
      .regex(
        /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/,
        'must be a container name: 3-63 lower-case letters, digits and single dashes',
      ),
  },
  STATE_BLOB_CLIENT_ID: {
    description:
      'Client id of the user-assigned managed identity that signs in to the state storage account (empty: the developer credential chain).',
    secret: false,
    production: true,
    schema: text,
  },
  STATE_BLOB_CONNECTION_STRING: {
    description: 'Azurite or development only: a storage connection string instead of STATE_BLOB_ACCOUNT_URL.',
    secret: true,
    schema: text,
  },
  DEMO_GRAPH_URL: {
    description:
      "Demo mode only: a shared demo tenant served by `npm run demo-tenant` (https://127.0.0.1:<port>) instead of this process's own.",
    secret: false,
    schema: httpsUrl,
  },
  DEMO_GRAPH_CA_FILE: {
    description: 'Demo mode only: the certificate (PEM) that `npm run demo-tenant --ca-out` wrote.',
    secret: false,
    schema: text,
  },
  DEMO_GRAPH_PERMISSIONS: {
    description:
      'Demo mode only: the application permissions the demo tenant has granted the bot, comma-separated (default: what docs/deploy.md asks for). Without Policy.Read.ConditionalAccess sign-ins come without their Conditional Access policies; without a needed permission Graph answers 403 (docs/graph-fidelity.md).',
    secret: false,
    default: 'AuditLog.Read.All,Directory.Read.All,Policy.Read.ConditionalAccess,Mail.Send',
    schema: permissionList,
  },
  DEMO_NONINTERACTIVE_PER_DAY: {
    description:
      "Demo mode only: token refreshes per person per day in the demo tenant, with a realistic background of interactive, app and managed-identity sign-ins (0: the stories' sign-ins only).",
    secret: false,
    default: '120',
    schema: wholeNumber,
  },
  DEMO_GRAPH_LATENCY: {
    description:
      "Demo mode only: on makes the demo tenant's sign-in log answer as slowly as Graph's reporting API (slower for wider windows, short pages, throttling on answer time); off answers at once.",
    secret: false,
    default: 'on',
    schema: z.enum(['on', 'off']),
  },
  STATE_TIMEOUT_MS: {
    description: 'Time limit of one call to the state store.',
    secret: false,
    default: '3000',
    schema: positiveInt,
  },
  SIGNIN_EVENT_TYPES: {
    description:
      "Kinds of sign-in read, comma-separated: interactiveUser, nonInteractiveUser, servicePrincipal, managedIdentity. Interactive sign-ins are read from Graph v1.0; the other kinds exist only on Graph's beta endpoint (which Microsoft does not support for production use) and are read from there, each kind apart.",
    secret: false,
    default: 'interactiveUser,nonInteractiveUser',
    schema: eventTypeList,
  },
} satisfies Record<string, Omit<SettingSpec, 'name'>>;

type SettingName = keyof typeof SETTINGS;
/** The parsed settings: each one's type is its schema's output; absent when unset without a default. */
type Values = { [K in SettingName]?: z.output<(typeof SETTINGS)[K]['schema']> };

/** The settings as a list (docs, the deployment templates' tests). */
export const CONFIG_SETTINGS: readonly SettingSpec[] = Object.entries(SETTINGS).map(([name, spec]) => ({
  name,
  ...spec,
}));

/**
 * The tenant id of the built-in demo tenant: the one in shared/examples' activities. The Agents
 * Playground (whose own default is another id) is configured to send it (.m365agentsplayground.yml).
 */
export const DEMO_TENANT_ID = '72f988bf-0000-0000-0000-000000000001';
export const DEMO_TICKET_MAILBOX = 'signin-troubleshooter@example.com';
export const DEMO_HELPDESK_EMAIL = 'helpdesk@example.com';
/** The demo's OAuth connection and SSO audience (the demo tenant's token service answers for them). */
export const DEMO_SSO_CONNECTION = 'graph-delegated';
export const DEMO_SSO_RESOURCE = 'api://localhost/botid-demo';

type Env = Record<string, string | undefined>;

/** Reads and checks every setting; returns all problems at once, one line each. */
export function loadConfig(env: Env = process.env): ConfigResult {
  const errors: string[] = [];
  const values: Values = {};
  for (const spec of CONFIG_SETTINGS) {
    const raw = env[spec.name]?.trim();
    const input = raw === undefined || raw === '' ? spec.default : raw;
    if (input === undefined) continue;
    const parsed = spec.schema.safeParse(input);
    if (parsed.success) (values as Record<string, unknown>)[spec.name] = parsed.data;
    else
      errors.push(
        `${spec.name}: ${parsed.error.issues[0]?.message ?? 'invalid value'}${spec.secret ? '' : ` (got "${input}")`}`,
      );
  }

  // DEMO=true forces demo mode and DEMO=false forbids it; unset, demo mode is what an empty configuration means.
  const demoSetting = values.DEMO;
  const demo = demoSetting ?? (!values.MicrosoftAppId && !values.AZURE_TENANT_ID);

  if (!demo) {
    const required = (name: SettingName, why: string) => {
      if (values[name] === undefined && !errors.some((e) => e.startsWith(`${name}:`)))
        errors.push(`${name}: missing — ${why}`);
    };
    required('MicrosoftAppId', 'the bot app registration id; without it anyone could post to /api/messages');
    required('MicrosoftAppTenantId', 'the tenant of the bot app registration');
    required('AZURE_TENANT_ID', 'the tenant whose sign-in logs are read');
    required('AZURE_CLIENT_ID', 'the Graph app or managed identity client id');
    if (values.MicrosoftAppType === 'SingleTenant')
      required('MicrosoftAppPassword', "SingleTenant bots need the app registration's client secret");
    if (values.AZURE_CLIENT_SECRET && values.AZURE_CLIENT_CERTIFICATE_PATH) {
      errors.push('AZURE_CLIENT_SECRET / AZURE_CLIENT_CERTIFICATE_PATH: set one, not both');
    }
  }

  const sink = values.TICKET_SINK ?? (demo || values.HELPDESK_EMAIL ? 'graph-mail' : 'none');
  if (!demo) {
    const need = (name: SettingName) => {
      if (values[name] === undefined && !errors.some((e) => e.startsWith(`${name}:`)))
        errors.push(`${name}: missing — needed by TICKET_SINK=${sink}`);
    };
    if (sink === 'graph-mail') (['HELPDESK_EMAIL', 'TICKET_MAILBOX'] as const).forEach(need);
    if (sink === 'webhook') (['TICKET_WEBHOOK_URL', 'TICKET_WEBHOOK_SECRET'] as const).forEach(need);
    if (sink === 'servicenow')
      (['SERVICENOW_INSTANCE_URL', 'SERVICENOW_USERNAME', 'SERVICENOW_PASSWORD'] as const).forEach(need);
  }

  const demoGraphUrl = values.DEMO_GRAPH_URL;
  const demoGraphCa = values.DEMO_GRAPH_CA_FILE;
  if (demoGraphUrl || demoGraphCa) {
    if (!demo) errors.push(`${demoGraphUrl ? 'DEMO_GRAPH_URL' : 'DEMO_GRAPH_CA_FILE'}: only in demo mode`);
    else if (!demoGraphUrl || !demoGraphCa)
      errors.push(
        'DEMO_GRAPH_URL / DEMO_GRAPH_CA_FILE: set both (the URL of npm run demo-tenant and the certificate it wrote)',
      );
    else if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(demoGraphUrl).hostname))
      errors.push('DEMO_GRAPH_URL: the demo tenant is served on this machine only (https://127.0.0.1:<port>)');
  }

  const stateStore = values.STATE_STORE ?? 'file';
  const blobUrl = values.STATE_BLOB_ACCOUNT_URL;
  const blobConnection = values.STATE_BLOB_CONNECTION_STRING;
  if (stateStore === 'blob') {
    if (!blobUrl && !blobConnection)
      errors.push(
        'STATE_STORE=blob: set STATE_BLOB_ACCOUNT_URL (managed identity) or, for Azurite, STATE_BLOB_CONNECTION_STRING',
      );
    if (blobUrl && blobConnection)
      errors.push('STATE_BLOB_ACCOUNT_URL / STATE_BLOB_CONNECTION_STRING: set one, not both');
    if (blobUrl && !demo && !blobUrl.startsWith('https://'))
      errors.push('STATE_BLOB_ACCOUNT_URL: must be https outside demo mode');
    // Account keys are for the local emulator: in production the managed identity signs in.
    if (blobConnection && !demo && !/BlobEndpoint=http:\/\/(127\.0\.0\.1|localhost)[:/]/i.test(blobConnection)) {
      errors.push(
        'STATE_BLOB_CONNECTION_STRING: only for Azurite on this machine; in production use STATE_BLOB_ACCOUNT_URL with the managed identity',
      );
    }
  } else if (blobUrl || blobConnection) {
    errors.push(
      `${blobUrl ? 'STATE_BLOB_ACCOUNT_URL' : 'STATE_BLOB_CONNECTION_STRING'}: only used with STATE_STORE=blob (STATE_STORE is file)`,
    );
  }

  if (errors.length > 0) return { ok: false, errors };

  const config: Config = {
    mode: demo ? 'demo' : 'production',
    bot: demo
      ? { appId: '', appType: 'SingleTenant', tenantId: '', password: '' }
      : {
          appId: values.MicrosoftAppId!,
          appType: values.MicrosoftAppType!,
          tenantId: values.MicrosoftAppTenantId!,
          password: values.MicrosoftAppPassword ?? '',
        },
    graph: {
      tenantId: demo ? DEMO_TENANT_ID : values.AZURE_TENANT_ID!,
      clientId: demo ? 'demo' : values.AZURE_CLIENT_ID!,
      clientSecret: values.AZURE_CLIENT_SECRET,
      certificatePath: values.AZURE_CLIENT_CERTIFICATE_PATH,
      certificatePassword: values.AZURE_CLIENT_CERTIFICATE_PASSWORD,
      endpoint: (values.GRAPH_ENDPOINT as string).replace(/\/+$/, ''),
      timeoutMs: values.GRAPH_TIMEOUT_MS!,
      reportsTimeoutMs: values.GRAPH_REPORTS_TIMEOUT_MS!,
      signInReadSeconds: values.SIGNIN_READ_SECONDS!,
      reportsMaxRequests: values.GRAPH_REPORTS_MAX_REQUESTS!,
      reportsWindowSeconds: values.GRAPH_REPORTS_WINDOW_SECONDS!,
      signInCacheSeconds: values.SIGNIN_CACHE_SECONDS!,
      maxSignInPages: values.MAX_SIGNIN_PAGES!,
      signInIndexHours: values.SIGNIN_INDEX_HOURS!,
      signInEventTypes: values.SIGNIN_EVENT_TYPES!,
    },
    server: { port: values.PORT!, host: values.HOST! },
    logLevel: values.LOG_LEVEL!,
    // In demo mode an unset zone is this machine's: the Agents Playground sends none.
    defaultTimeZone:
      env.DEFAULT_TIME_ZONE?.trim() || !demo
        ? values.DEFAULT_TIME_ZONE!
        : Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    defaultWindowDays: values.DEFAULT_WINDOW_DAYS!,
    logRetentionDays: values.LOG_RETENTION_DAYS!,
    access: {
      helpdeskGroupIds: values.HELPDESK_GROUP_IDS ?? [],
      readerRoleIds: values.SIGNIN_READER_ROLE_IDS ?? [],
      readerCacheSeconds: values.READER_CACHE_SECONDS!,
      rateLimitPerMinute: values.RATE_LIMIT_PER_MINUTE!,
    },
    turnBudgetMs: values.TURN_BUDGET_MS!,
    ...splitThresholds(values.PATTERN_THRESHOLDS ?? {}),
    selfServiceUrls: { ...SELF_SERVICE_DEFAULTS, ...values.SELF_SERVICE_URLS },
    // Helpdesk fixes: on with an OAuth connection; the demo has its own (src/demo/wiring.ts).
    fixes: demo
      ? {
          connectionName: DEMO_SSO_CONNECTION,
          resourceUri: DEMO_SSO_RESOURCE,
          silentSso: values.DEMO_SILENT_SSO === 'on',
        }
      : values.SSO_CONNECTION_NAME
        ? { connectionName: values.SSO_CONNECTION_NAME, resourceUri: values.SSO_RESOURCE_URI ?? null, silentSso: false }
        : null,
    tickets: {
      sink,
      helpdeskEmail: values.HELPDESK_EMAIL ?? (demo ? DEMO_HELPDESK_EMAIL : undefined),
      mailbox: values.TICKET_MAILBOX ?? (demo ? DEMO_TICKET_MAILBOX : undefined),
      webhookUrl: values.TICKET_WEBHOOK_URL,
      webhookSecret: values.TICKET_WEBHOOK_SECRET,
      serviceNowUrl: values.SERVICENOW_INSTANCE_URL,
      serviceNowUser: values.SERVICENOW_USERNAME,
      serviceNowPassword: values.SERVICENOW_PASSWORD,
    },
    state:
      stateStore === 'blob'
        ? {
            store: 'blob',
            container: values.STATE_BLOB_CONTAINER!,
            accountUrl: blobUrl,
            clientId: values.STATE_BLOB_CLIENT_ID,
            connectionString: blobConnection,
            timeoutMs: values.STATE_TIMEOUT_MS!,
          }
        : { store: 'file', dir: values.STATE_DIR!, timeoutMs: values.STATE_TIMEOUT_MS! },
    demoGraph:
      demo && demoGraphUrl && demoGraphCa ? { url: demoGraphUrl.replace(/\/+$/, ''), caFile: demoGraphCa } : undefined,
    demoTenant: {
      permissions: values.DEMO_GRAPH_PERMISSIONS!,
      nonInteractivePerDay: values.DEMO_NONINTERACTIVE_PER_DAY!,
      latency: values.DEMO_GRAPH_LATENCY === 'on',
    },
  };
  return { ok: true, config };
}

/** PATTERN_THRESHOLDS holds the diagnosis patterns' overrides and, under "incidents", the incident thresholds'. */
function splitThresholds(
  all: Record<string, Record<string, unknown>>,
): Pick<Config, 'patternThresholds' | 'incidentThresholds'> {
  const { incidents = {}, ...patternThresholds } = all;
  return { patternThresholds, incidentThresholds: incidents };
}
