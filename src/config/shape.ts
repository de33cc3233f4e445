/**
 * The shape of the configuration the bot runs with: the last step of CONFIG_SCHEMA (index.ts), which builds
 * it from the settings and checks it against this at run time. `Config` is inferred from CONFIG_SCHEMA.
 */
import { z } from 'zod';
import { SIGNIN_EVENT_TYPES } from '../shared/types';

const TICKET_SINKS = ['graph-mail', 'webhook', 'servicenow', 'none'] as const;
const optionalText = z.string().optional();

/** The state store: a folder on one machine, or an Azure Blob container shared by all instances. */
const STATE_SCHEMA = z.discriminatedUnion('store', [
  z.object({ store: z.literal('file'), dir: z.string(), timeoutMs: z.number() }),
  z.object({
    store: z.literal('blob'),
    container: z.string(),
    accountUrl: optionalText,
    clientId: optionalText,
    connectionString: optionalText,
    timeoutMs: z.number(),
  }),
]);

export const CONFIG_SHAPE = z.object({
  mode: z.enum(['demo', 'production']),
  bot: z.object({
    appId: z.string(),
    appType: z.enum(['SingleTenant', 'UserAssignedMSI']),
    tenantId: z.string(),
    password: z.string(),
  }),
  graph: z.object({
    tenantId: z.string(),
    clientId: z.string(),
    clientSecret: optionalText,
    certificatePath: optionalText,
    certificatePassword: optionalText,
    endpoint: z.string(),
    timeoutMs: z.number(),
    /** Timeout of one request to the reporting API (/auditLogs/), which is slow on wide windows. */
    reportsTimeoutMs: z.number(),
    /** Time one question's sign-in reads may take, retries included. */
    signInReadSeconds: z.number(),
    reportsMaxRequests: z.number(),
    reportsWindowSeconds: z.number(),
    signInCacheSeconds: z.number(),
    maxSignInPages: z.number(),
    /** Hours covered by the live sign-in index; 0 = no index; auto = 24 h, extended back to 7 days within signInIndexMaxMb. */
    signInIndexHours: z.union([z.number(), z.literal('auto')]),
    signInIndexMaxMb: z.number(),
    /** Kinds of sign-in read (SIGNIN_EVENT_TYPES). */
    signInEventTypes: z.array(z.enum(SIGNIN_EVENT_TYPES)),
  }),
  server: z.object({ port: z.number(), host: z.string() }),
  logLevel: z.string(),
  defaultTimeZone: z.string(),
  defaultWindowDays: z.number(),
  logRetentionDays: z.number(),
  access: z.object({
    helpdeskGroupIds: z.array(z.string()),
    readerRoleIds: z.array(z.string()),
    readerCacheSeconds: z.number(),
    rateLimitPerMinute: z.number(),
  }),
  turnBudgetMs: z.number(),
  /** Per-tenant overrides of the diagnosis pattern thresholds. */
  patternThresholds: z.record(z.string(), z.record(z.string(), z.unknown())),
  /** Per-tenant overrides of the incident thresholds (PATTERN_THRESHOLDS' "incidents"). */
  incidentThresholds: z.record(z.string(), z.unknown()),
  /** The self-service pages (src/config/selfService.json with SELF_SERVICE_URLS' overrides), by id. */
  selfServiceUrls: z.object({ passwordReset: z.string(), securityInfo: z.string(), companyPortal: z.string() }),
  /** Helpdesk fixes through Teams SSO (issue 21); null: off (no OAuth connection configured). */
  fixes: z.object({ connectionName: z.string(), resourceUri: z.string().nullable() }).nullable(),
  tickets: z.object({
    sink: z.enum(TICKET_SINKS),
    helpdeskEmail: optionalText,
    mailbox: optionalText,
    webhookUrl: optionalText,
    webhookSecret: optionalText,
    serviceNowUrl: optionalText,
    serviceNowUser: optionalText,
    serviceNowPassword: optionalText,
  }),
  state: STATE_SCHEMA,
});

export type StateConfig = z.infer<typeof STATE_SCHEMA>;
