/**
 * Every setting the bot reads, named once: its meaning, whether it is a secret, its default and its zod
 * schema. CONFIG_SCHEMA (index.ts) parses the environment with them; the deployment templates and their
 * tests are checked against this table, so a new setting without an app setting in Azure fails a test.
 * The demo's own settings (DEMO_GRAPH_URL, …) are src/demo/settings.ts's.
 */
import { z } from 'zod';
import patternDefaults from '../diagnosis/patterns.json';
import incidentDefaults from '../incidents/patterns.json';
import selfServiceDefaults from './selfService.json';
import type { SettingsTable } from './environment';
import { SSO_SETTINGS } from './ssoSettings';
import { INDEX_SETTINGS } from './indexSettings';
import {
  anyUrl,
  bool,
  email,
  eventTypeList,
  guidList,
  httpsUrl,
  oneOf,
  overridesOf,
  positiveInt,
  text,
  timeZone,
  urlOverrides,
  wholeNumber,
} from './values';

/** The self-service pages' ids and Microsoft's addresses for them (selfService.json). */
export const SELF_SERVICE_IDS = ['passwordReset', 'securityInfo', 'companyPortal'] as const;
export const SELF_SERVICE_DEFAULTS = Object.fromEntries(
  SELF_SERVICE_IDS.map((id) => [id, selfServiceDefaults[id].url]),
) as Record<(typeof SELF_SERVICE_IDS)[number], string>;

export const SETTINGS = {
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
    schema: oneOf(['SingleTenant', 'UserAssignedMSI']),
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
    schema: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  },
  DEFAULT_TIME_ZONE: {
    description: "Time zone used when Teams sends none (unset: UTC; in demo mode this machine's).",
    secret: false,
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
  // The live index's span and memory budget: indexSettings.ts.
  ...INDEX_SETTINGS,
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
  // Helpdesk fixes through Teams SSO (issue 21): ssoSettings.ts.
  ...SSO_SETTINGS,
  TICKET_SINK: {
    description: 'Where "Open support ticket" goes: graph-mail, webhook, servicenow or none.',
    secret: false,
    schema: oneOf(['graph-mail', 'webhook', 'servicenow', 'none']),
  },
  HELPDESK_EMAIL: { description: 'Helpdesk address that receives e-mailed tickets.', secret: false, schema: email },
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
    schema: oneOf(['file', 'blob']),
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
} satisfies SettingsTable;
