/**
 * The demo: the built-in demo tenant in-process as Microsoft Graph, the Agents Playground as
 * Teams. The only entry into src/demo/ from the rest of the product (src/app.ts chooses it once).
 */
import type { Config } from '../config';
import type { MemberResolver } from '../bot/mentions';
import type { Wiring } from '../wiring';
import { DemoTenant } from './tenant';
import { DemoTenantTransport, demoAuthProvider } from './graphTransport';
import { DEMO_HELPDESK_GROUP_IDS, DEMO_PEOPLE } from './people';
import { playgroundConversationType } from './playground';

export type { DemoTenant } from './tenant';

export interface DemoWiringOptions {
  /** A tenant of the caller's (tests read its request log); otherwise a fresh one. */
  tenant?: DemoTenant;
  /** The tenant's "now" (its sign-ins lead up to it). */
  now?: Date;
}

/** The Agents Playground has no member API worth trusting; the demo tenant resolves its own people by name. */
export const demoMemberResolver: MemberResolver = {
  aadObjectId(_context, _memberId, name) {
    return Promise.resolve(DEMO_PEOPLE.find((p) => p.displayName.toLowerCase() === name.trim().toLowerCase())?.id);
  },
};

export function demoWiring(config: Config, options: DemoWiringOptions = {}): Wiring & { demoTenant: DemoTenant } {
  const demoTenant = options.tenant ?? new DemoTenant({ now: options.now });
  return {
    demoTenant,
    graphAuth: demoAuthProvider,
    graphTransport: new DemoTenantTransport(demoTenant),
    helpdeskGroupIds: config.access.helpdeskGroupIds.length > 0 ? config.access.helpdeskGroupIds : DEMO_HELPDESK_GROUP_IDS,
    members: demoMemberResolver,
    conversationType: playgroundConversationType,
    // No app id: the adapter accepts unauthenticated local traffic (the Playground sends no token).
    botAuthentication: {},
    requireBearer: false,
  };
}
