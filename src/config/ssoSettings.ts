/** The settings of the helpdesk fixes' Teams single sign-on (issue 21, docs/deploy.md step 8): part of SETTINGS (settings.ts). */
import type { SettingsTable } from './environment';
import { text } from './values';

export const SSO_SETTINGS = {
  SSO_CONNECTION_NAME: {
    description:
      "The Azure Bot's OAuth connection (Microsoft Entra ID v2, with token exchange) whose delegated Graph token helpdesk fixes use (issue 21, docs/deploy.md step 8); unset: no fix buttons.",
    secret: false,
    production: true,
    schema: text,
  },
  SSO_RESOURCE_URI: {
    description:
      "The bot's Application ID URI (api://botid-<MicrosoftAppId>): the Teams SSO token's audience, sent in the sign-in request of a fix click (manifest webApplicationInfo.resource).",
    secret: false,
    production: true,
    schema: text,
  },
} satisfies SettingsTable;
