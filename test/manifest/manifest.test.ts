/**
 * manifest/manifest.json: filled the way `npm run package` fills it, it passes the Teams manifest
 * schema bundled in @microsoft/app-manifest, validated offline; and a broken manifest is rejected
 * with the schema's own messages.
 */
import './appManifestUnderJest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { ACCENT } from '../../scripts/make-icons';
import {
  PLACEHOLDERS,
  bundledManifestVersions,
  fillManifest,
  resolveSettings,
  validateManifest,
} from '../../scripts/package';

const ROOT = join(__dirname, '..', '..');
const TEMPLATE = readFileSync(join(ROOT, 'manifest', 'manifest.json'), 'utf8');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const SAMPLE_ENV = {
  TEAMS_APP_ID: '5f8c6a52-3f0e-4a7b-9d8e-2b1c0a9f7e61',
  MicrosoftAppId: '0b7e3c1d-9a44-4f2e-8c55-6d1f2a3b4c5d',
  BOT_DOMAIN: 'contoso-signin.azurewebsites.net',
};

/** The parts of a Teams app manifest these tests read or break. */
interface Manifest {
  [property: string]: unknown;
  $schema: string;
  manifestVersion: string;
  id: string;
  version: string;
  validDomains: string[];
  name: { short: string; full: string };
  description: { short: string; full: string };
  icons: Record<string, string>;
  accentColor: string;
  bots: {
    botId?: string;
    scopes: string[];
    supportsFiles: boolean;
    isNotificationOnly: boolean;
    commandLists: { scopes: string[]; commands: { title: string }[] }[];
  }[];
}
const filled = (): Manifest => fillManifest(TEMPLATE, resolveSettings(SAMPLE_ENV, VERSION).values) as Manifest;
const minor = (v: string) => Number(v.split('.')[1]);

let fetchSchema: jest.SpiedFunction<typeof AppManifestUtils.fetchSchema>;
beforeEach(() => {
  // Offline means offline: the schema must never be fetched.
  fetchSchema = jest.spyOn(AppManifestUtils, 'fetchSchema').mockRejectedValue(new Error('network access attempted'));
});
afterEach(() => jest.restoreAllMocks());

describe('manifest/manifest.json', () => {
  const raw = JSON.parse(TEMPLATE) as Manifest;

  it('uses a schema version of 1.22 or newer that @microsoft/app-manifest bundles, with a matching $schema', () => {
    expect(raw.manifestVersion).toMatch(/^1\.\d+$/);
    expect(minor(raw.manifestVersion)).toBeGreaterThanOrEqual(22);
    expect(bundledManifestVersions()).toContain(raw.manifestVersion);
    expect(raw.$schema).toBe(
      `https://developer.microsoft.com/en-us/json-schemas/teams/v${raw.manifestVersion}/MicrosoftTeams.schema.json`,
    );
  });

  it('has only placeholders the packaging script fills, and uses all of them', () => {
    const used = [...TEMPLATE.matchAll(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]);
    expect([...new Set(used)].sort()).toEqual([...PLACEHOLDERS].sort());
  });

  it('validates offline against the bundled schema once filled', async () => {
    await expect(validateManifest(filled())).resolves.toEqual([]);
    expect(fetchSchema).not.toHaveBeenCalled();
  });

  it('is filled from configuration: app id, bot id, domain, version from package.json', () => {
    const m = filled();
    expect(m.id).toBe(SAMPLE_ENV.TEAMS_APP_ID);
    expect(m.bots[0].botId).toBe(SAMPLE_ENV.MicrosoftAppId);
    // The bot's own domain, and the Bot Framework Token Service's sign-in page (Teams SSO's fallback, issue 21).
    expect(m.validDomains).toEqual([SAMPLE_ENV.BOT_DOMAIN, 'token.botframework.com']);
    expect(m.version).toBe(VERSION);
    expect(JSON.stringify(m)).not.toContain('${{');
  });

  it('declares one conversational bot for personal, team and group chat, without files', () => {
    expect(raw.bots).toHaveLength(1);
    const [bot] = raw.bots;
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(false);
    expect(bot.isNotificationOnly).toBe(false);
  });

  it('offers example questions in every scope', () => {
    const [bot] = raw.bots;
    const covered = bot.commandLists.flatMap((list) => list.scopes);
    expect([...covered].sort()).toEqual(['groupChat', 'personal', 'team']);
    const titles = (scope: string) =>
      bot.commandLists.filter((l) => l.scopes.includes(scope)).flatMap((l) => l.commands.map((c) => c.title));
    for (const scope of ['personal', 'team', 'groupChat']) {
      expect(titles(scope)).toEqual(
        expect.arrayContaining([
          'why did Megan Bowen fail to sign in yesterday?',
          "why can't I sign in?",
          'what does AADSTS50126 mean?',
          'help',
        ]),
      );
    }
  });

  it('names and describes the app within the Teams limits, with the icons and accent colour of this project', () => {
    expect(raw.name.short.length).toBeLessThanOrEqual(30);
    expect(raw.name.full.length).toBeLessThanOrEqual(100);
    expect(raw.description.short.length).toBeLessThanOrEqual(80);
    expect(raw.description.full.length).toBeLessThanOrEqual(4000);
    expect(raw.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(raw.accentColor).toBe(ACCENT.hex);
  });
});

describe('validateManifest rejects broken manifests with the schema message', () => {
  it('a short name over 30 characters', async () => {
    const m = filled();
    m.name.short = 'Sign-in Troubleshooter for Entra ID';
    const problems = await validateManifest(m);
    expect(problems).toEqual([expect.stringMatching(/^\/name\/short must NOT have more than 30 characters/)]);
  });

  it('an app id that is not a GUID, and a bot without botId', async () => {
    const m = filled();
    m.id = 'signin-troubleshooter';
    delete m.bots[0].botId;
    const problems = await validateManifest(m);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/id must match pattern/),
        expect.stringMatching(/^\/bots\/0 must have required property 'botId'/),
      ]),
    );
  });

  it('an unknown bot scope and an unknown property', async () => {
    const m = filled();
    m.bots[0].scopes = ['personal', 'channel'];
    m.colour = '#fff';
    const problems = await validateManifest(m);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/bots\/0\/scopes\/1 must be equal to one of the allowed values/),
        expect.stringMatching(/^ must NOT have additional properties\. Details: \{"additionalProperty":"colour"\}/),
      ]),
    );
  });

  it('a $schema that does not match manifestVersion', async () => {
    const m = filled();
    m.$schema = 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.19/MicrosoftTeams.schema.json';
    expect(await validateManifest(m)).toEqual([
      '/$schema is the schema of v1.19 but manifestVersion is "1.22"; they must agree',
    ]);
  });

  it('a manifest version without a bundled schema', async () => {
    const m = filled();
    m.manifestVersion = '1.99';
    m.$schema = 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.99/MicrosoftTeams.schema.json';
    const problems = await validateManifest(m);
    expect(problems).toEqual([
      expect.stringContaining('manifestVersion "1.99" has no schema bundled in @microsoft/app-manifest'),
    ]);
    expect(fetchSchema).not.toHaveBeenCalled();
  });

  it('a version that is not MAJOR.MINOR.PATCH', async () => {
    const m = filled();
    m.version = '1.0';
    expect(await validateManifest(m)).toEqual(['/version must be MAJOR.MINOR.PATCH, e.g. 1.0.0 (got "1.0")']);
  });
});
