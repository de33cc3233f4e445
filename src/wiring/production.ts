/** Production's wiring: Teams, Entra ID and Microsoft Graph as configured (the demo's is src/demo/wiring.ts). */
import type { Config } from '../config';
import { graphAuthProvider } from '../graph/credentials';
import { teamsMemberResolver } from '../bot/mentions';
import { teamsConversationType } from '../bot/requester';
import type { Wiring } from './types';

/** Teams, Entra ID and Microsoft Graph as configured. */
export function productionWiring(config: Config): Wiring {
  return {
    graphAuth: graphAuthProvider(config.graph),
    helpdeskGroupIds: config.access.helpdeskGroupIds,
    members: teamsMemberResolver,
    conversationType: teamsConversationType,
    botAuthentication: {
      MicrosoftAppId: config.bot.appId,
      MicrosoftAppPassword: config.bot.password,
      MicrosoftAppType: config.bot.appType,
      MicrosoftAppTenantId: config.bot.tenantId,
    },
    requireBearer: true,
    healthDetails: {},
  };
}
