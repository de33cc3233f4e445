/**
 * `npm run package`: builds the Teams app package build/appPackage.zip.
 *
 * 1. Reads the settings the manifest needs from the environment (optionally also from a file,
 *    `npm run package -- --settings <file>`): TEAMS_APP_ID, MicrosoftAppId (the bot id), BOT_DOMAIN, and the
 *    optional publisher details; the app version comes from package.json.
 * 2. Fills the `${{NAME}}` placeholders of manifest/manifest.json with them.
 * 3. Validates the result offline against the Teams manifest JSON schema bundled in
 *    @microsoft/app-manifest (never downloads a schema) and stops with the schema's own messages
 *    when it is invalid; also checks that `$schema` and `manifestVersion` agree and that the icons
 *    have the sizes and colours Teams accepts.
 * 4. Writes a zip that holds exactly manifest.json, color.png and outline.png.
 *
 * Everything is exported so the tests drive the same code as the command line.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import type { AppManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { PNG } from 'pngjs';

/** A manifest or package problem; `problems` holds one line per problem, ready to print. */
export class PackageError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(`${message}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

type Env = Record<string, string | undefined>;

/** Placeholders in manifest/manifest.json and where their values come from. */
export const PLACEHOLDERS = [
  'TEAMS_APP_ID',
  'BOT_ID',
  'BOT_DOMAIN',
  'APP_VERSION',
  'DEVELOPER_NAME',
  'DEVELOPER_WEBSITE_URL',
  'PRIVACY_URL',
  'TERMS_OF_USE_URL',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const HOST_NAME =
  /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export interface ResolvedSettings {
  values: Record<Placeholder, string>;
  /** Missing or malformed settings, one line each. */
  problems: string[];
  /** Defaults that were used, worth telling the admin about. */
  notes: string[];
}

/**
 * Reads the manifest's settings from `env`; `version` is the app version (package.json).
 * Collects every problem at once, so an admin fixes them in one go.
 */
export function resolveSettings(env: Env, version: string): ResolvedSettings {
  const problems: string[] = [];
  const notes: string[] = [];
  const get = (name: string) => env[name]?.trim() ?? '';

  const teamsAppId = get('TEAMS_APP_ID');
  if (!teamsAppId) {
    problems.push(
      'TEAMS_APP_ID is not set: the Teams app id, a GUID you choose once and keep for every later version ' +
        '(create one with: node -e "console.log(crypto.randomUUID())").',
    );
  } else if (!GUID.test(teamsAppId)) {
    problems.push(`TEAMS_APP_ID must be a GUID such as 5f8c6a52-3f0e-4a7b-9d8e-2b1c0a9f7e61 (got "${teamsAppId}").`);
  }

  const botId = get('MicrosoftAppId');
  if (!botId) {
    problems.push(
      'MicrosoftAppId is not set: the bot id, i.e. the client id of the bot app registration ' +
        '(or of the user-assigned managed identity for MicrosoftAppType=UserAssignedMSI), as in the Azure Bot resource.',
    );
  } else if (!GUID.test(botId)) {
    problems.push(`MicrosoftAppId must be a GUID (the app registration's client id) (got "${botId}").`);
  }

  const botDomain = get('BOT_DOMAIN');
  if (!botDomain) {
    problems.push('BOT_DOMAIN is not set: the host name of the bot web app, e.g. contoso-signin.azurewebsites.net.');
  } else if (!HOST_NAME.test(botDomain)) {
    problems.push(
      `BOT_DOMAIN must be a bare host name such as contoso-signin.azurewebsites.net, without https:// or a path (got "${botDomain}").`,
    );
  }

  if (!SEMVER.test(version)) {
    problems.push(`The version in package.json must be MAJOR.MINOR.PATCH for Teams (got "${version}").`);
  }

  const developerName = get('DEVELOPER_NAME') || 'IT Helpdesk';
  if (!get('DEVELOPER_NAME'))
    notes.push(`DEVELOPER_NAME not set: the app store entry names "${developerName}" as publisher.`);
  const website = get('DEVELOPER_WEBSITE_URL') || (botDomain ? `https://${botDomain}/` : '');
  if (!get('DEVELOPER_WEBSITE_URL') && botDomain) notes.push(`DEVELOPER_WEBSITE_URL not set: using ${website}.`);
  const privacy = get('PRIVACY_URL') || website;
  if (!get('PRIVACY_URL') && website)
    notes.push(`PRIVACY_URL not set: using ${privacy}; point it to your organisation's privacy statement.`);
  const terms = get('TERMS_OF_USE_URL') || website;
  if (!get('TERMS_OF_USE_URL') && website) notes.push(`TERMS_OF_USE_URL not set: using ${terms}.`);
  for (const [name, value] of [
    ['DEVELOPER_WEBSITE_URL', website],
    ['PRIVACY_URL', privacy],
    ['TERMS_OF_USE_URL', terms],
  ] as const) {
    if (value && !/^https:\/\/[^\s/]+/.test(value)) problems.push(`${name} must be an https:// URL (got "${value}").`);
  }

  return {
    values: {
      TEAMS_APP_ID: teamsAppId,
      BOT_ID: botId,
      BOT_DOMAIN: botDomain,
      APP_VERSION: version,
      DEVELOPER_NAME: developerName,
      DEVELOPER_WEBSITE_URL: website,
      PRIVACY_URL: privacy,
      TERMS_OF_USE_URL: terms,
    },
    problems,
    notes,
  };
}

const PLACEHOLDER_PATTERN = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/**
 * Replaces `${{NAME}}` in the manifest text (values are JSON-escaped, so a quote in a name cannot
 * break the JSON) and parses it. Placeholders without a value are reported, not left in.
 */
export function fillManifest(template: string, values: Partial<Record<string, string>>): Record<string, unknown> {
  const unknown = new Set<string>();
  const text = template.replace(PLACEHOLDER_PATTERN, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      unknown.add(name);
      return whole;
    }
    return JSON.stringify(value).slice(1, -1);
  });
  if (unknown.size > 0) {
    throw new PackageError('manifest/manifest.json has placeholders the packaging script does not fill:', [
      ...[...unknown].map((n) => `\${{${n}}}`),
    ]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new PackageError('manifest/manifest.json is not valid JSON:', [(e as Error).message]);
  }
  if (!isObject(parsed))
    throw new PackageError('manifest/manifest.json must hold a JSON object.', ['found ' + typeof parsed]);
  return parsed;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Folder of the Teams manifest schemas inside @microsoft/app-manifest. */
export function bundledSchemaDir(): string {
  return join(dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas', 'teams');
}

/** Manifest versions with a bundled schema, e.g. ["1.0", …, "1.30"]. */
export function bundledManifestVersions(): string[] {
  return readdirSync(bundledSchemaDir())
    .filter((d) => /^v\d+\.\d+$/.test(d) && existsSync(join(bundledSchemaDir(), d, 'MicrosoftTeams.schema.json')))
    .map((d) => d.slice(1))
    .sort((a, b) => {
      const [a1, a2] = a.split('.').map(Number);
      const [b1, b2] = b.split('.').map(Number);
      return a1 - b1 || a2 - b2;
    });
}

/**
 * Loaded on first use: it pulls in ajv and strip-bom 5, which is ESM only and needs Node's
 * require(esm) (on by default from Node 20.19 and 22.12).
 */
async function loadAppManifestUtils(): Promise<typeof import('@microsoft/app-manifest').AppManifestUtils> {
  try {
    return (await import('@microsoft/app-manifest')).AppManifestUtils;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_REQUIRE_ESM') {
      throw new PackageError('Cannot load @microsoft/app-manifest to validate the manifest:', [
        `it needs Node.js 20.19 / 22.12 or newer (require of ES modules); this is Node.js ${process.versions.node}`,
      ]);
    }
    throw e;
  }
}

const SCHEMA_URL =
  /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}-[a-z]{2}\/)?json-schemas\/teams\/v(\d+\.\d+)\/MicrosoftTeams\.schema\.json$/i;

/**
 * Validates a filled manifest offline. Returns one line per problem (empty when valid):
 * the bundled JSON schema's own messages (path + message, as @microsoft/app-manifest words
 * them), plus the checks the schema leaves out: `$schema` must name the schema of
 * `manifestVersion`, and `version` must be MAJOR.MINOR.PATCH.
 */
export async function validateManifest(manifest: unknown): Promise<string[]> {
  if (!isObject(manifest)) return ['the manifest must be a JSON object'];
  const problems: string[] = [];
  const schemaUrl = manifest.$schema;
  const manifestVersion = manifest.manifestVersion;
  if (typeof manifestVersion !== 'string')
    return ['/manifestVersion is missing: the manifest cannot be matched to a schema'];
  const match = typeof schemaUrl === 'string' ? SCHEMA_URL.exec(schemaUrl) : null;
  if (!match) {
    problems.push(
      `/$schema must be the Teams manifest schema of manifestVersion ${manifestVersion}: ` +
        `https://developer.microsoft.com/en-us/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json (got ${JSON.stringify(schemaUrl)})`,
    );
  } else if (match[1] !== manifestVersion) {
    problems.push(
      `/$schema is the schema of v${match[1]} but manifestVersion is "${manifestVersion}"; they must agree`,
    );
  }
  const schemaFile = join(bundledSchemaDir(), `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  if (!existsSync(schemaFile)) {
    problems.push(
      `manifestVersion "${manifestVersion}" has no schema bundled in @microsoft/app-manifest, so it cannot be validated offline ` +
        `(bundled: ${bundledManifestVersions().join(', ')})`,
    );
    return problems;
  }
  // Same clean-up @microsoft/app-manifest applies when it reads a bundled schema itself.
  const AppManifestUtils = await loadAppManifestUtils();
  type ManifestSchema = Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
  const schema = JSON.parse(
    readFileSync(schemaFile, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b'),
  ) as ManifestSchema;
  problems.push(...(await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema)));
  if (typeof manifest.version === 'string' && !SEMVER.test(manifest.version)) {
    problems.push(`/version must be MAJOR.MINOR.PATCH, e.g. 1.0.0 (got "${manifest.version}")`);
  }
  return problems;
}

export interface IconFacts {
  width: number;
  height: number;
  /** Pixels that are neither fully transparent nor pure white (RGB 255,255,255 at any alpha). */
  nonWhitePixels: number;
}

export function inspectPng(png: Buffer): IconFacts {
  const image = PNG.sync.read(png);
  let nonWhitePixels = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b, a] = [image.data[i], image.data[i + 1], image.data[i + 2], image.data[i + 3]];
    if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) nonWhitePixels++;
  }
  return { width: image.width, height: image.height, nonWhitePixels };
}

/** What Teams checks on upload but the JSON schema cannot: icon sizes and a white-on-transparent outline. */
export function checkIcons(color: Buffer, outline: Buffer): string[] {
  const problems: string[] = [];
  const read = (name: string, png: Buffer): IconFacts | undefined => {
    try {
      return inspectPng(png);
    } catch (e) {
      problems.push(`${name} is not a readable PNG file (${(e as Error).message})`);
      return undefined;
    }
  };
  const c = read('color icon', color);
  if (c && (c.width !== 192 || c.height !== 192))
    problems.push(`color icon must be 192×192 pixels (is ${c.width}×${c.height})`);
  const o = read('outline icon', outline);
  if (o && (o.width !== 32 || o.height !== 32))
    problems.push(`outline icon must be 32×32 pixels (is ${o.width}×${o.height})`);
  if (o && o.nonWhitePixels > 0) {
    problems.push(`outline icon must be white on transparent; ${o.nonWhitePixels} pixel(s) have another colour`);
  }
  return problems;
}

/**
 * The repository root: the nearest folder above `from` with package.json and manifest/manifest.json
 * (dist/ has a package.json of its own when code imports it, so package.json alone is not enough).
 */
export function findRepoRoot(from: string = __dirname): string {
  let dir = resolve(from);
  while (!(existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'manifest', 'manifest.json')))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no folder with package.json and manifest/manifest.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export interface PackageOptions {
  /** Repository root holding package.json and manifest/ (default: found from this file). */
  rootDir?: string;
  /** Settings (default: process.env). */
  env?: Env;
  /** Where the zip goes (default: <root>/build/appPackage.zip). */
  outFile?: string;
}

export interface PackageResult {
  outFile: string;
  manifest: Record<string, unknown>;
  /** Names inside the zip. */
  files: string[];
  notes: string[];
}

/** Fixed timestamp for the zip entries, so the same inputs give the same bytes. */
const ZIP_DATE = new Date('2020-01-01T00:00:00Z');

export async function buildPackage(options: PackageOptions = {}): Promise<PackageResult> {
  const root = options.rootDir ?? findRepoRoot();
  const env = options.env ?? process.env;
  const outFile = options.outFile ?? join(root, 'build', 'appPackage.zip');
  const manifestDir = join(root, 'manifest');

  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
  const settings = resolveSettings(env, pkg.version ?? '');
  if (settings.problems.length > 0) {
    throw new PackageError('Cannot build the Teams app package; fix these settings first:', settings.problems);
  }

  const manifest = fillManifest(readFileSync(join(manifestDir, 'manifest.json'), 'utf8'), settings.values);
  const schemaProblems = await validateManifest(manifest);
  if (schemaProblems.length > 0) {
    throw new PackageError(
      'The filled manifest does not pass the Teams manifest schema (checked offline):',
      schemaProblems,
    );
  }

  const icons = manifest.icons as { color: string; outline: string };
  const iconProblems: string[] = [];
  for (const [kind, name] of Object.entries(icons)) {
    if (name.includes('/') || name.includes('\\'))
      iconProblems.push(`icons.${kind} must name a file next to manifest.json (got "${name}")`);
    else if (!existsSync(join(manifestDir, name))) iconProblems.push(`icons.${kind}: manifest/${name} does not exist`);
  }
  if (iconProblems.length === 0) {
    iconProblems.push(
      ...checkIcons(readFileSync(join(manifestDir, icons.color)), readFileSync(join(manifestDir, icons.outline))),
    );
  }
  if (iconProblems.length > 0) throw new PackageError('The icons would be rejected by Teams:', iconProblems);

  const zip = new JSZip();
  const entries: Array<[string, Buffer | string]> = [
    ['manifest.json', JSON.stringify(manifest, null, 2) + '\n'],
    [icons.color, readFileSync(join(manifestDir, icons.color))],
    [icons.outline, readFileSync(join(manifestDir, icons.outline))],
  ];
  for (const [name, content] of entries) zip.file(name, content, { date: ZIP_DATE });
  const bytes = await zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
  });
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, bytes);
  return { outFile, manifest, files: entries.map(([name]) => name), notes: settings.notes };
}

/**
 * `--settings <path>` loads settings from a dotenv-style file; variables already set win, as with
 * node's --env-file. (Not called --env-file: Node 20 takes that flag for itself even after the
 * script name.)
 */
function parseArgs(argv: string[]): { settingsFile?: string } {
  const result: { settingsFile?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--settings' && argv[i + 1]) result.settingsFile = argv[++i];
    else if (arg.startsWith('--settings=')) result.settingsFile = arg.slice('--settings='.length);
    else throw new PackageError('Unknown argument:', [`${arg} (usage: npm run package [-- --settings <file>])`]);
  }
  return result;
}

/** The command line: returns the exit code (0 written, 1 not written) and prints what happened. */
export async function main(
  argv: string[] = process.argv.slice(2),
  env: Env = process.env,
  options: Omit<PackageOptions, 'env'> = {},
): Promise<number> {
  try {
    const args = parseArgs(argv);
    let settings = env;
    if (args.settingsFile) {
      if (!existsSync(args.settingsFile))
        throw new PackageError('Cannot read the settings file:', [`${args.settingsFile} does not exist`]);
      settings = { ...parseEnv(readFileSync(args.settingsFile, 'utf8')), ...env };
    }
    const result = await buildPackage({ ...options, env: settings });
    const bots = result.manifest.bots as Array<{ botId: string }>;
    console.log(`Teams app package written: ${relative(process.cwd(), result.outFile) || result.outFile}`);
    console.log(`  contains   ${result.files.join(', ')}`);
    console.log(`  app id     ${String(result.manifest.id)}  version ${String(result.manifest.version)}`);
    console.log(`  bot id     ${bots[0]?.botId}`);
    console.log(`  domain     ${(result.manifest.validDomains as string[]).join(', ')}`);
    for (const note of result.notes) console.log(`  note: ${note}`);
    console.log('Upload it in the Teams admin center (Teams apps > Manage apps > Upload new app); see docs/deploy.md.');
    return 0;
  } catch (e) {
    console.error(e instanceof PackageError ? e.message : ((e as Error).stack ?? String(e)));
    return 1;
  }
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
