/** The typed configuration the bot runs with, and the shape of one entry of the settings table. */
import type { z } from 'zod';
import type { SignInEventType } from '../shared/types';

export interface SettingSpec {
  name: string;
  description: string;
  secret: boolean;
  /** Shown in docs and used when the variable is unset. */
  default?: string;
  /** Only meaningful outside demo mode (bot identity, Graph credentials). */
  production?: boolean;
  schema: z.ZodType<unknown>;
}

export type TicketSinkKind = 'graph-mail' | 'webhook' | 'servicenow' | 'none';

export interface Config {
  mode: 'demo' | 'production';
  bot: { appId: string; appType: 'SingleTenant' | 'UserAssignedMSI'; tenantId: string; password: string };
  graph: {
    tenantId: string;
    clientId: string;
    clientSecret?: string;
    certificatePath?: string;
    certificatePassword?: string;
    endpoint: string;
    timeoutMs: number;
    /** Timeout of one request to the reporting API (/auditLogs/), which is slow on wide windows. */
    reportsTimeoutMs: number;
    /** Time one question's sign-in reads may take, retries included. */
    signInReadSeconds: number;
    reportsMaxRequests: number;
    reportsWindowSeconds: number;
    signInCacheSeconds: number;
    maxSignInPages: number;
    /** Hours covered by the live sign-in index; 0 = no index. */
    signInIndexHours: number;
    /** Kinds of sign-in read (SIGNIN_EVENT_TYPES). */
    signInEventTypes: SignInEventType[];
  };
  server: { port: number; host: string };
  logLevel: string;
  defaultTimeZone: string;
  defaultWindowDays: number;
  logRetentionDays: number;
  access: { helpdeskGroupIds: string[]; readerRoleIds: string[]; readerCacheSeconds: number; rateLimitPerMinute: number };
  turnBudgetMs: number;
  /** Per-tenant overrides of the diagnosis pattern thresholds. */
  patternThresholds: Record<string, Record<string, unknown>>;
  /** Per-tenant overrides of the incident thresholds (PATTERN_THRESHOLDS' "incidents"). */
  incidentThresholds: Record<string, unknown>;
  tickets: {
    sink: TicketSinkKind;
    helpdeskEmail?: string;
    mailbox?: string;
    webhookUrl?: string;
    webhookSecret?: string;
    serviceNowUrl?: string;
    serviceNowUser?: string;
    serviceNowPassword?: string;
  };
  state: StateConfig;
  /** Demo mode against a shared demo tenant over HTTPS (npm run demo-tenant). */
  demoGraph?: { url: string; caFile: string };
  /** The built-in demo tenant's settings (DEMO_GRAPH_PERMISSIONS, DEMO_NONINTERACTIVE_PER_DAY, DEMO_GRAPH_LATENCY). */
  demoTenant?: { permissions: string[]; nonInteractivePerDay: number; latency: boolean };
}

export type StateConfig =
  | { store: 'file'; dir: string; timeoutMs: number }
  | { store: 'blob'; container: string; accountUrl?: string; clientId?: string; connectionString?: string; timeoutMs: number };

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };
