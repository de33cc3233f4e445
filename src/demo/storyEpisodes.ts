/**
 * The demo's stories as sign-ins: one failure episode of a person's story (people.ts), as the records a
 * real tenant's log holds for it: a lockout run from abroad, a Conditional Access block with the
 * policies that applied, an MFA fatigue burst, a legacy protocol, …. The generator (signInGenerator.ts)
 * decides who has which story and when; it lends its seeded draws, so the demo data stay the same.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { DemoPerson, Story } from './people';
import { DEMO_APPS, EVERYDAY_APPS, FOREIGN, REASONS, type App, type Device, type Where } from './signInCatalog';

const MINUTE = 60_000;

/** The generator's seeded draws and record builder, and where a person signs in from, with what. */
export interface EpisodeTools {
  random: () => number;
  pick: <T>(items: readonly T[]) => T;
  guid: () => string;
  record: (
    p: DemoPerson | null,
    at: number,
    code: number,
    app: App,
    where: Where,
    device: Device,
    extra?: Partial<SignIn>,
    correlationId?: string,
  ) => SignIn;
  homeOf: (p: DemoPerson) => Where;
  deviceOf: (p: DemoPerson) => Device;
}

/** The records of one failure episode from a story, starting at `at`. */
export function storyEpisode(tools: EpisodeTools, p: DemoPerson, story: Story, at: number): SignIn[] {
  const { random, pick, record, guid, homeOf, deviceOf } = tools;
  const out: SignIn[] = [];
  const home = homeOf(p);
  const device = deviceOf(p);
  const app = pick(EVERYDAY_APPS);
  switch (story) {
    case 'lockout': {
      const where: Where = {
        country: 'PT',
        city: 'Lisbon',
        state: 'Lisboa',
        ip: `203.0.113.${20 + Math.floor(random() * 20)}`,
      };
      const attempts = 6 + Math.floor(random() * 6);
      const unknownDevice: Device = {
        ...device,
        compliant: false,
        managed: false,
        trustType: '',
        name: '',
        id: '',
        os: 'Windows10',
        browser: 'Chrome 131.0.0',
      };
      for (let i = 0; i < attempts; i++)
        out.push(record(p, at + i * 40_000, 50126, DEMO_APPS.outlook, where, unknownDevice));
      out.push(record(p, at + attempts * 40_000, 50053, DEMO_APPS.outlook, where, unknownDevice));
      out.push(record(p, at + attempts * 40_000 + 90_000, 50053, DEMO_APPS.outlook, where, unknownDevice));
      break;
    }
    case 'wrongPassword': {
      out.push(record(p, at, 50126, app, home, device));
      out.push(record(p, at + 45_000, 0, app, home, device));
      break;
    }
    case 'mfaPromptThenSuccess': {
      const correlation = guid();
      const prompt = random() < 0.5 ? 50074 : 50076;
      out.push(record(p, at, prompt, app, home, device, {}, correlation));
      out.push(record(p, at + 25_000, 0, app, home, device, {}, correlation));
      break;
    }
    case 'conditionalAccessBlock': {
      const away = pick(FOREIGN);
      const where: Where = {
        country: away.country,
        city: away.city,
        state: away.state,
        ip: `${away.ipPrefix}.${10 + Math.floor(random() * 200)}`,
      };
      out.push(
        record(
          p,
          at,
          53003,
          DEMO_APPS.salesforce,
          where,
          { ...device, compliant: false, managed: false, trustType: '' },
          {
            appliedConditionalAccessPolicies: [
              {
                id: 'ca000001-0000-4000-8000-000000000001',
                displayName: 'Block access from outside allowed countries',
                enforcedGrantControls: ['Block'],
                enforcedSessionControls: [],
                result: 'failure',
              },
              {
                id: 'ca000001-0000-4000-8000-000000000002',
                displayName: 'Require MFA for all users',
                enforcedGrantControls: ['Mfa'],
                enforcedSessionControls: [],
                result: 'notApplied',
              },
              {
                id: 'ca000001-0000-4000-8000-000000000003',
                displayName: 'Require compliant device for Salesforce',
                enforcedGrantControls: ['RequireCompliantDevice'],
                enforcedSessionControls: [],
                result: 'notApplied',
              },
              {
                id: 'ca000001-0000-4000-8000-000000000004',
                displayName: 'Sign-in frequency 12 hours',
                enforcedGrantControls: [],
                enforcedSessionControls: ['SignInFrequency'],
                result: 'notApplied',
              },
            ],
          },
        ),
      );
      break;
    }
    case 'nonCompliantDevice': {
      const code = random() < 0.8 ? 53000 : 53001;
      out.push(
        record(
          p,
          at,
          code,
          pick([DEMO_APPS.outlook, DEMO_APPS.salesforce, DEMO_APPS.sharepoint]),
          home,
          { ...device, compliant: false, trustType: code === 53001 ? 'Azure AD registered' : device.trustType },
          {
            appliedConditionalAccessPolicies: [
              {
                id: 'ca000001-0000-4000-8000-000000000002',
                displayName: 'Require MFA for all users',
                enforcedGrantControls: ['Mfa'],
                enforcedSessionControls: [],
                result: 'success',
              },
              code === 53000
                ? {
                    id: 'ca000001-0000-4000-8000-000000000005',
                    displayName: 'Require compliant device for Office 365',
                    enforcedGrantControls: ['RequireCompliantDevice'],
                    enforcedSessionControls: [],
                    result: 'failure',
                  }
                : {
                    id: 'ca000001-0000-4000-8000-000000000006',
                    displayName: 'Require hybrid joined device on-site',
                    enforcedGrantControls: ['RequireDomainJoinedDevice'],
                    enforcedSessionControls: [],
                    result: 'failure',
                  },
            ],
          },
        ),
      );
      break;
    }
    case 'mfaFatigue': {
      const burst = random() < 0.5 ? 6 : 2;
      for (let i = 0; i < burst; i++) {
        out.push(
          record(
            p,
            at + i * 70_000,
            500121,
            DEMO_APPS.officeHome,
            { country: 'VN', city: 'Hanoi', state: 'Hanoi', ip: '192.0.2.66' },
            { ...device, compliant: false, managed: false, trustType: '', name: '', id: '' },
            {
              status: {
                errorCode: 500121,
                failureReason: REASONS[500121].failureReason,
                additionalDetails:
                  i % 2
                    ? 'The MFA request timed out: the user did not respond.'
                    : 'The user denied the MFA request in Microsoft Authenticator.',
              },
            },
          ),
        );
      }
      break;
    }
    case 'expiredPassword': {
      out.push(record(p, at, 50055, app, home, device));
      break;
    }
    case 'disabledAccount': {
      for (let i = 0; i < 3; i++) out.push(record(p, at + i * 5 * MINUTE, 50057, pick(EVERYDAY_APPS), home, device));
      break;
    }
    case 'legacyProtocol': {
      const client = pick(['IMAP4', 'Authenticated SMTP', 'POP3', 'Exchange ActiveSync']);
      out.push(
        record(
          p,
          at,
          50126,
          DEMO_APPS.outlook,
          home,
          { ...device, browser: '', os: client === 'Exchange ActiveSync' ? 'Ios' : '' },
          { clientAppUsed: client },
        ),
      );
      break;
    }
    case 'consentMissing': {
      out.push(record(p, at, 65001, DEMO_APPS.expenses, home, device));
      break;
    }
    case 'unusualLocation': {
      const away = pick(FOREIGN);
      const where: Where = {
        country: away.country,
        city: away.city,
        state: away.state,
        ip: `${away.ipPrefix}.${10 + Math.floor(random() * 200)}`,
      };
      out.push(
        record(p, at, 50126, app, where, {
          ...device,
          compliant: false,
          managed: false,
          trustType: '',
          name: '',
          id: '',
        }),
      );
      break;
    }
    case 'quiet':
      break;
  }
  return out;
}
