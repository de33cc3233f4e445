/**
 * The demo's own settings and constants, read only in demo mode and only through src/demo/wiring.ts: the
 * demo tenant's id and mailboxes, a shared demo tenant to use instead of our own (DEMO_GRAPH_URL), and the
 * built-in tenant's permissions, volume and answer times. Parsed as the product's settings are
 * (src/config/environment.ts), by one zod schema.
 */
import { z } from 'zod';
import type { Config } from '../config';
import {
  combinationProblem,
  environmentSchema,
  settingProblems,
  settingsList,
  type SettingSpec,
  type SettingsTable,
} from '../config/environment';
import { httpsUrl, oneOf, text, wholeNumber } from '../config/values';
import { isLoopbackUrl } from '../shared/loopback';
import { DEFAULT_DEMO_PERMISSIONS } from './permissions';

/**
 * The tenant id of the built-in demo tenant: the one in shared/examples' activities. The Agents
 * Playground (whose own default is another id) is configured to send it (.m365agentsplayground.yml).
 */
export const DEMO_TENANT_ID = '72f988bf-0000-0000-0000-000000000001';
export const DEMO_TICKET_MAILBOX = 'signin-troubleshooter@example.com';
const DEMO_HELPDESK_EMAIL = 'helpdesk@example.com';
/** The demo's OAuth connection and SSO audience (the bot app of src/demo/delegatedTokens.ts). */
const DEMO_SSO_CONNECTION = 'graph-delegated';
const DEMO_SSO_RESOURCE = 'api://botid-00000000-0000-0000-0000-00000000d3e0';

/** Application permission names, comma-separated (Graph's spelling: AuditLog.Read.All). */
const permissionList = z
  .string()
  .transform((v) => [
    ...new Set(
      v
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z.array(
      z
        .string()
        .regex(
          /^[A-Z][A-Za-z]*(\.[A-Z][A-Za-z]*)+$/,
          'each entry must be a Graph permission such as AuditLog.Read.All',
        ),
    ),
  );

const DEMO_SETTINGS = {
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
    default: DEFAULT_DEMO_PERMISSIONS.join(','),
    schema: permissionList,
  },
  DEMO_NONINTERACTIVE_PER_DAY: {
    description:
      "Demo mode only: token refreshes per person per day in the demo tenant, with a realistic background of interactive, app and managed-identity sign-ins (0: the stories' sign-ins only).",
    secret: false,
    default: '120',
    schema: wholeNumber,
  },
  DEMO_SILENT_SSO: {
    description:
      "Demo mode only: on lets the bot fetch a demo person's SSO token from the demo tenant when a fix is clicked (standing in for the Teams client's silent sign-in, which the Agents Playground lacks); off answers the fix click with the sign-in request (HTTP 401) as in Teams.",
    secret: false,
    default: 'on',
    schema: oneOf(['on', 'off']),
  },
  DEMO_GRAPH_LATENCY: {
    description:
      "Demo mode only: on makes the demo tenant's sign-in log answer as slowly as Graph's reporting API (slower for wider windows, short pages, throttling on answer time); off answers at once.",
    secret: false,
    default: 'on',
    schema: oneOf(['on', 'off']),
  },
} satisfies SettingsTable;

/** The demo's settings as a list (docs, the deployment templates' tests: never set in Azure). */
export const DEMO_CONFIG_SETTINGS: readonly SettingSpec[] = settingsList(DEMO_SETTINGS);

const DEMO_SETTINGS_SCHEMA = environmentSchema(DEMO_SETTINGS)
  .superRefine(
    (values, ctx) => {
      const url = values.DEMO_GRAPH_URL;
      const caFile = values.DEMO_GRAPH_CA_FILE;
      if (!url !== !caFile)
        combinationProblem(
          ctx,
          'DEMO_GRAPH_URL / DEMO_GRAPH_CA_FILE',
          'set both (the URL of npm run demo-tenant and the certificate it wrote)',
        );
      else if (url && !isLoopbackUrl(url))
        combinationProblem(
          ctx,
          'DEMO_GRAPH_URL',
          'the demo tenant is served on this machine only (https://127.0.0.1:<port>)',
        );
    },
    { when: () => true },
  )
  .transform((values) => ({
    /** A demo tenant shared by several processes over HTTPS (npm run demo-tenant) instead of our own. */
    sharedTenant:
      values.DEMO_GRAPH_URL && values.DEMO_GRAPH_CA_FILE
        ? { url: values.DEMO_GRAPH_URL.replace(/\/+$/, ''), caFile: values.DEMO_GRAPH_CA_FILE }
        : undefined,
    permissions: values.DEMO_GRAPH_PERMISSIONS,
    nonInteractivePerDay: values.DEMO_NONINTERACTIVE_PER_DAY,
    latency: values.DEMO_GRAPH_LATENCY === 'on',
    silentSso: values.DEMO_SILENT_SSO === 'on',
  }));

export type DemoSettings = z.output<typeof DEMO_SETTINGS_SCHEMA>;
export type DemoSettingsResult = { ok: true; settings: DemoSettings } | { ok: false; errors: string[] };

type Env = Record<string, string | undefined>;

/** Reads the demo's settings (in demo mode; see misplacedDemoSettings for the other). */
export function loadDemoSettings(env: Env): DemoSettingsResult {
  const parsed = DEMO_SETTINGS_SCHEMA.safeParse(env);
  return parsed.success
    ? { ok: true, settings: parsed.data }
    : { ok: false, errors: settingProblems(parsed.error, DEMO_SETTINGS, env) };
}

/**
 * Outside demo mode the demo's settings are not read; a shared demo tenant named there is a mistake worth
 * saying (production would otherwise quietly ignore it). One line each.
 */
export function misplacedDemoSettings(env: Env): string[] {
  return (['DEMO_GRAPH_URL', 'DEMO_GRAPH_CA_FILE'] as const)
    .filter((name) => env[name]?.trim())
    .map((name) => `${name}: only in demo mode`);
}

/** The demo's settings when none are given: every default (the realistic tenant). */
export function defaultDemoSettings(): DemoSettings {
  return DEMO_SETTINGS_SCHEMA.parse({});
}

/** The product's Config as the demo runs it: the demo tenant's id, and its helpdesk mailboxes unless set. */
export function withDemoTenant(config: Config): Config {
  return {
    ...config,
    graph: { ...config.graph, tenantId: DEMO_TENANT_ID, clientId: 'demo' },
    // Helpdesk fixes through the demo tenant's Token Service (src/demo/tokenService.ts answers any connection name).
    fixes: { connectionName: DEMO_SSO_CONNECTION, resourceUri: DEMO_SSO_RESOURCE },
    tickets: {
      ...config.tickets,
      helpdeskEmail: config.tickets.helpdeskEmail ?? DEMO_HELPDESK_EMAIL,
      mailbox: config.tickets.mailbox ?? DEMO_TICKET_MAILBOX,
    },
  };
}
