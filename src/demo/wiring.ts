/**
 * The demo: the built-in demo tenant in-process as Microsoft Graph, the Agents Playground as
 * Teams. The only entry into src/demo/ from the rest of the product (src/app.ts chooses it once).
 */
import { readFileSync } from 'node:fs';
import type { Middleware } from '@microsoft/microsoft-graph-client';
import type { Config } from '../config';
import { isLoopbackUrl } from '../shared/loopback';
import { demoAskerPolicy, demoAskerProblem } from './askers';
import type { MemberResolver } from '../bot/mentions';
import type { Wiring } from '../wiring/types';
import { demoClientTag } from './clientTag';
import { DemoTenant, GRAPH_REPORTS_LIMIT } from './tenant';
import { DemoTenantTransport, demoAuthProviderFor } from './graphTransport';
import { parsePermissions } from './permissions';
import { DEMO_TENANT_ID, defaultDemoSettings, type DemoSettings } from './settings';
import { GRAPH_LIKE_TIMING } from './reportsTiming';
import { DEMO_HELPDESK_GROUP_IDS, DEMO_PEOPLE } from './people';
import { playgroundConversationType } from './playground';
import { startLiveIncident, withLiveIncident } from './liveIncident';
import { demoSsoToken } from './silentSso';
import { demoTokenServiceHttpClient, inProcess } from './tokenServiceClient';

export type { DemoTenant } from './tenant';
export {
  DEMO_CONFIG_SETTINGS,
  DEMO_TENANT_ID,
  DEMO_TICKET_MAILBOX,
  loadDemoSettings,
  misplacedDemoSettings,
  withDemoTenant,
  type DemoSettings,
} from './settings';

export interface DemoWiringOptions {
  /** A tenant of the caller's (tests read its request log); otherwise a fresh one. */
  tenant?: DemoTenant;
  /** The tenant's "now" (its sign-ins lead up to it). */
  now?: Date;
  /** The demo's settings (src/demo/settings.ts), loaded at start; otherwise their defaults. */
  settings?: DemoSettings;
}

/** The Agents Playground has no member API worth trusting; the demo tenant resolves its own people by name. */
export const demoMemberResolver: MemberResolver = {
  aadObjectId(_context, _memberId, name) {
    return Promise.resolve(DEMO_PEOPLE.find((p) => p.displayName.toLowerCase() === name.trim().toLowerCase())?.id);
  },
};

export function demoWiring(
  config: Config,
  options: DemoWiringOptions = {},
): Wiring & { demoTenant: DemoTenant | null } {
  const settings = options.settings ?? defaultDemoSettings();
  // DEMO_GRAPH_URL: a demo tenant shared by several processes (npm run demo-tenant) instead of our own.
  const shared = options.tenant ? undefined : settings.sharedTenant;
  // The built-in tenant throttles its sign-in log as Graph does (tests bring their own, unthrottled),
  // with the permissions, volume and answer times of DEMO_GRAPH_PERMISSIONS, DEMO_NONINTERACTIVE_PER_DAY, DEMO_GRAPH_LATENCY.
  const permissions = parsePermissions(settings.permissions.join(','));
  const demoTenant = shared
    ? null
    : (options.tenant ??
      new DemoTenant(
        withLiveIncident({
          now: options.now,
          reportsLimit: GRAPH_REPORTS_LIMIT,
          permissions,
          nonInteractivePerDay: settings.nonInteractivePerDay,
          timing: settings.latency ? GRAPH_LIKE_TIMING : null,
        }),
      ));
  // Our own tenant runs the live incident: new failures every minute (liveIncident.ts).
  const incident = demoTenant && !options.tenant ? startLiveIncident(demoTenant) : null;
  // Helpdesk fixes (issue 21): the tenant's Token Service for the bot's UserTokenClient and its stand-in
  // for Teams' silent SSO, in-process or a shared tenant's over HTTPS.
  const link = shared ? sharedLink(shared.url, shared.caFile) : null;
  const send = link?.send ?? inProcess(demoTenant!);
  return {
    demoTenant,
    close: () => {
      incident?.stop();
      void link?.close();
    },
    tokenService: { url: shared?.url ?? 'https://token.demo.invalid', httpClient: demoTokenServiceHttpClient(send) },
    silentSso: settings.silentSso ? demoSsoToken(send, shared?.url) : undefined,
    // An app-only token whose roles claim carries the grant, as Entra's would (graphTransport.ts).
    graphAuth: demoAuthProviderFor(demoTenant ? [...demoTenant.grant.granted] : permissions),
    graphTransport: shared ? sharedDemoTransport(shared.caFile) : new DemoTenantTransport(demoTenant!),
    graphMiddleware: demoClientTag(settings),
    graphEndpoint: shared ? { url: shared.url, customHosts: [new URL(shared.url).hostname] } : undefined,
    helpdeskGroupIds:
      config.access.helpdeskGroupIds.length > 0 ? config.access.helpdeskGroupIds : DEMO_HELPDESK_GROUP_IDS,
    members: demoMemberResolver,
    conversationType: playgroundConversationType,
    // No app id: the adapter accepts unauthenticated local traffic (the Playground sends no token).
    botAuthentication: {},
    requireBearer: false,
    // Demo mode believes what an activity says about its sender: only the demo's people, only this machine.
    activityPolicy: demoTenant ? demoAskerPolicy(demoTenant.people) : demoAskerProblem,
    replyUrlAllowed: isLoopbackUrl,
    // Local tools read the mode and tenant.
    healthDetails: { mode: 'demo', tenantId: DEMO_TENANT_ID },
  };
}

/** The HTTPS link to a shared demo tenant, trusting its certificate. Loaded only then: it needs devDependencies (undici). */
function sharedDemoTransport(caFile: string): Middleware {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- undici is a dev dependency, loaded only for a shared demo tenant
  const { TrustingHttpMessageHandler } = require('./httpsServer') as typeof import('./httpsServer');
  return new TrustingHttpMessageHandler(readFileSync(caFile, 'utf8'));
}

/** A shared demo tenant's Token Service and silent SSO over HTTPS (sharedTenantLink.ts), trusting its certificate. */
function sharedLink(url: string, caFile: string) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- undici is a dev dependency, loaded only for a shared demo tenant
  const { sharedTenantSend } = require('./sharedTenantLink') as typeof import('./sharedTenantLink');
  return sharedTenantSend(url, readFileSync(caFile, 'utf8'));
}
