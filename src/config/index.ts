/**
 * Environment → typed, validated Config, by one zod schema: the settings (settings.ts) parsed each by its
 * own schema, their combinations checked (rules.ts), the Config built from them and checked against its
 * shape (shape.ts). The process entries load it once, at start; `Config` is the schema's output type.
 */
import { z } from 'zod';
import { environmentSchema, settingProblems, settingsList, type SettingSpec } from './environment';
import { checkCombinations, isDemo, ticketSink, type Values } from './rules';
import { SELF_SERVICE_DEFAULTS, SETTINGS } from './settings';
import { CONFIG_SHAPE } from './shape';

export type { SettingSpec } from './environment';
export type { StateConfig } from './shape';

/** The environment's settings → the Config. */
export const CONFIG_SCHEMA = environmentSchema(SETTINGS)
  .superRefine(checkCombinations, { when: () => true })
  .transform(toConfig)
  .pipe(CONFIG_SHAPE);

export type Config = z.output<typeof CONFIG_SCHEMA>;
export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** The settings as a list (docs, the deployment templates' tests). */
export const CONFIG_SETTINGS: readonly SettingSpec[] = settingsList(SETTINGS);

type Env = Record<string, string | undefined>;

/** Reads and checks every setting; returns all problems at once, one line each. */
export function loadConfig(env: Env = process.env): ConfigResult {
  const parsed = CONFIG_SCHEMA.safeParse(env);
  return parsed.success
    ? { ok: true, config: parsed.data }
    : { ok: false, errors: settingProblems(parsed.error, SETTINGS, env) };
}

function toConfig(values: Values): z.input<typeof CONFIG_SHAPE> {
  const demo = isDemo(values);
  return {
    mode: demo ? 'demo' : 'production',
    // Demo mode has no bot identity (the adapter accepts local traffic) and the demo wiring names its tenant.
    bot: demo
      ? { appId: '', appType: 'SingleTenant', tenantId: '', password: '' }
      : {
          appId: values.MicrosoftAppId!,
          appType: values.MicrosoftAppType,
          tenantId: values.MicrosoftAppTenantId!,
          password: values.MicrosoftAppPassword ?? '',
        },
    graph: {
      tenantId: demo ? '' : values.AZURE_TENANT_ID!,
      clientId: demo ? '' : values.AZURE_CLIENT_ID!,
      clientSecret: values.AZURE_CLIENT_SECRET,
      certificatePath: values.AZURE_CLIENT_CERTIFICATE_PATH,
      certificatePassword: values.AZURE_CLIENT_CERTIFICATE_PASSWORD,
      endpoint: values.GRAPH_ENDPOINT.replace(/\/+$/, ''),
      timeoutMs: values.GRAPH_TIMEOUT_MS,
      reportsTimeoutMs: values.GRAPH_REPORTS_TIMEOUT_MS,
      signInReadSeconds: values.SIGNIN_READ_SECONDS,
      reportsMaxRequests: values.GRAPH_REPORTS_MAX_REQUESTS,
      reportsWindowSeconds: values.GRAPH_REPORTS_WINDOW_SECONDS,
      signInCacheSeconds: values.SIGNIN_CACHE_SECONDS,
      maxSignInPages: values.MAX_SIGNIN_PAGES,
      signInIndexHours: values.SIGNIN_INDEX_HOURS,
      signInIndexMaxMb: values.SIGNIN_INDEX_MAX_MB,
      signInEventTypes: values.SIGNIN_EVENT_TYPES,
    },
    server: { port: values.PORT, host: values.HOST },
    logLevel: values.LOG_LEVEL,
    // In demo mode an unset zone is this machine's: the Agents Playground sends none.
    defaultTimeZone:
      values.DEFAULT_TIME_ZONE ?? (demo ? Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' : 'UTC'),
    defaultWindowDays: values.DEFAULT_WINDOW_DAYS,
    logRetentionDays: values.LOG_RETENTION_DAYS,
    access: {
      helpdeskGroupIds: values.HELPDESK_GROUP_IDS,
      readerRoleIds: values.SIGNIN_READER_ROLE_IDS,
      readerCacheSeconds: values.READER_CACHE_SECONDS,
      rateLimitPerMinute: values.RATE_LIMIT_PER_MINUTE,
    },
    turnBudgetMs: values.TURN_BUDGET_MS,
    ...splitThresholds(values.PATTERN_THRESHOLDS),
    selfServiceUrls: { ...SELF_SERVICE_DEFAULTS, ...values.SELF_SERVICE_URLS },
    // Helpdesk fixes: on with an OAuth connection; the demo wiring names its own (src/demo/settings.ts).
    fixes:
      !demo && values.SSO_CONNECTION_NAME
        ? { connectionName: values.SSO_CONNECTION_NAME, resourceUri: values.SSO_RESOURCE_URI ?? null }
        : null,
    tickets: {
      sink: ticketSink(values),
      helpdeskEmail: values.HELPDESK_EMAIL,
      mailbox: values.TICKET_MAILBOX,
      webhookUrl: values.TICKET_WEBHOOK_URL,
      webhookSecret: values.TICKET_WEBHOOK_SECRET,
      serviceNowUrl: values.SERVICENOW_INSTANCE_URL,
      serviceNowUser: values.SERVICENOW_USERNAME,
      serviceNowPassword: values.SERVICENOW_PASSWORD,
    },
    state:
      values.STATE_STORE === 'blob'
        ? {
            store: 'blob',
            container: values.STATE_BLOB_CONTAINER,
            accountUrl: values.STATE_BLOB_ACCOUNT_URL,
            clientId: values.STATE_BLOB_CLIENT_ID,
            connectionString: values.STATE_BLOB_CONNECTION_STRING,
            timeoutMs: values.STATE_TIMEOUT_MS,
          }
        : { store: 'file', dir: values.STATE_DIR, timeoutMs: values.STATE_TIMEOUT_MS },
  };
}

/** PATTERN_THRESHOLDS holds the diagnosis patterns' overrides and, under "incidents", the incident thresholds'. */
function splitThresholds(all: Record<string, Record<string, unknown>>) {
  const { incidents = {}, ...patternThresholds } = all;
  return { patternThresholds, incidentThresholds: incidents };
}
