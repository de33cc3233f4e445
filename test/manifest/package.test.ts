/**
 * `npm run package`: settings in, build/appPackage.zip out, holding exactly manifest.json,
 * color.png and outline.png; and nothing written when a setting is missing or the manifest is
 * invalid. Runs against temporary copies, never the repository's build/ folder.
 */
import './appManifestUnderJest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PackageError, buildPackage, main } from '../../scripts/package';

const ROOT = join(__dirname, '..', '..');
const ENV = {
  TEAMS_APP_ID: '5f8c6a52-3f0e-4a7b-9d8e-2b1c0a9f7e61',
  MicrosoftAppId: '0b7e3c1d-9a44-4f2e-8c55-6d1f2a3b4c5d',
  BOT_DOMAIN: 'contoso-signin.azurewebsites.net',
  DEVELOPER_NAME: 'Contoso "IT" Helpdesk',
  PRIVACY_URL: 'https://contoso.example/privacy',
};

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'appPackage-'));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
  jest.restoreAllMocks();
});

/** A copy of the repository's package.json and manifest/ that a test may break. */
function copyOfRepo(): string {
  const root = join(work, 'repo');
  mkdirSync(join(root, 'manifest'), { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  for (const f of ['manifest.json', 'color.png', 'outline.png'])
    copyFileSync(join(ROOT, 'manifest', f), join(root, 'manifest', f));
  return root;
}

async function failure(promise: Promise<unknown>): Promise<PackageError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(PackageError);
    return e as PackageError;
  }
  throw new Error('expected the package build to fail');
}

describe('buildPackage', () => {
  it('writes a zip holding exactly manifest.json, color.png and outline.png, filled from the settings', async () => {
    const outFile = join(work, 'build', 'appPackage.zip');
    const result = await buildPackage({ rootDir: ROOT, env: ENV, outFile });
    expect(result.outFile).toBe(outFile);

    const zip = await JSZip.loadAsync(readFileSync(outFile));
    const names = Object.values(zip.files).map((f) => f.name);
    expect(names.sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(Object.values(zip.files).every((f) => !f.dir)).toBe(true);

    const manifest: unknown = JSON.parse(await zip.file('manifest.json')!.async('string'));
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(manifest).toMatchObject({
      id: ENV.TEAMS_APP_ID,
      version,
      developer: {
        name: 'Contoso "IT" Helpdesk',
        websiteUrl: 'https://contoso-signin.azurewebsites.net/',
        privacyUrl: 'https://contoso.example/privacy',
        termsOfUseUrl: 'https://contoso-signin.azurewebsites.net/',
      },
      bots: [{ botId: ENV.MicrosoftAppId }],
      validDomains: [ENV.BOT_DOMAIN, 'token.botframework.com'],
      // Teams SSO for the helpdesk fixes (issue 21): the bot's app and the SSO token's audience.
      webApplicationInfo: { id: ENV.MicrosoftAppId, resource: `api://botid-${ENV.MicrosoftAppId}` },
    });
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(
      (await zip.file('color.png')!.async('nodebuffer')).equals(readFileSync(join(ROOT, 'manifest', 'color.png'))),
    ).toBe(true);
    expect(
      (await zip.file('outline.png')!.async('nodebuffer')).equals(readFileSync(join(ROOT, 'manifest', 'outline.png'))),
    ).toBe(true);
    expect(result.notes.join('\n')).toContain('DEVELOPER_WEBSITE_URL not set');
  });

  it('gives the same bytes for the same inputs', async () => {
    const a = join(work, 'a.zip');
    const b = join(work, 'b.zip');
    await buildPackage({ rootDir: ROOT, env: ENV, outFile: a });
    await buildPackage({ rootDir: ROOT, env: ENV, outFile: b });
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });

  it('names every missing setting and writes nothing', async () => {
    const outFile = join(work, 'appPackage.zip');
    const error = await failure(buildPackage({ rootDir: ROOT, env: {}, outFile }));
    expect(error.problems).toHaveLength(3);
    expect(error.problems[0]).toMatch(/^TEAMS_APP_ID is not set/);
    expect(error.problems[1]).toMatch(/^MicrosoftAppId is not set/);
    expect(error.problems[2]).toMatch(/^BOT_DOMAIN is not set/);
    expect(existsSync(outFile)).toBe(false);
  });

  it('refuses malformed settings', async () => {
    const error = await failure(
      buildPackage({
        rootDir: ROOT,
        env: { ...ENV, TEAMS_APP_ID: 'my-app', BOT_DOMAIN: 'https://contoso-signin.azurewebsites.net/' },
        outFile: join(work, 'x.zip'),
      }),
    );
    expect(error.problems).toEqual([
      'TEAMS_APP_ID must be a GUID such as 5f8c6a52-3f0e-4a7b-9d8e-2b1c0a9f7e61 (got "my-app").',
      'BOT_DOMAIN must be a bare host name such as contoso-signin.azurewebsites.net, without https:// or a path (got "https://contoso-signin.azurewebsites.net/").',
    ]);
  });

  it('stops with the schema message when the filled manifest is invalid, and writes nothing', async () => {
    const root = copyOfRepo();
    const file = join(root, 'manifest', 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name: { short: string } };
    manifest.name.short = 'Sign-in Troubleshooter for Microsoft Entra ID';
    writeFileSync(file, JSON.stringify(manifest));
    const outFile = join(work, 'appPackage.zip');
    const error = await failure(buildPackage({ rootDir: root, env: ENV, outFile }));
    expect(error.message).toMatch(/^The filled manifest does not pass the Teams manifest schema \(checked offline\):/);
    expect(error.problems).toEqual([expect.stringMatching(/^\/name\/short must NOT have more than 30 characters/)]);
    expect(existsSync(outFile)).toBe(false);
  });

  it('stops when an icon would be rejected by Teams', async () => {
    const root = copyOfRepo();
    copyFileSync(join(root, 'manifest', 'color.png'), join(root, 'manifest', 'outline.png'));
    const error = await failure(buildPackage({ rootDir: root, env: ENV, outFile: join(work, 'x.zip') }));
    expect(error.problems).toEqual([
      'outline icon must be 32×32 pixels (is 192×192)',
      expect.stringMatching(/^outline icon must be white on transparent; \d+ pixel\(s\) have another colour$/),
    ]);
  });

  it('reports a placeholder it cannot fill', async () => {
    const root = copyOfRepo();
    const file = join(root, 'manifest', 'manifest.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"accentColor": "#0E7C86"', '"accentColor": "${{ACCENT}}"'));
    const error = await failure(buildPackage({ rootDir: root, env: ENV, outFile: join(work, 'x.zip') }));
    expect(error.problems).toEqual(['${{ACCENT}}']);
  });
});

describe('the npm run package command line', () => {
  it('exits 1 and prints the missing settings', async () => {
    const errors: string[] = [];
    jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    const outFile = join(work, 'appPackage.zip');
    expect(await main([], {}, { rootDir: ROOT, outFile })).toBe(1);
    expect(errors.join('\n')).toMatch(
      /Cannot build the Teams app package; fix these settings first:\n {2}- TEAMS_APP_ID is not set/,
    );
    expect(existsSync(outFile)).toBe(false);
  });

  it('exits 0 with settings from --settings <file>; variables already set win', async () => {
    const lines: string[] = [];
    jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const envFile = join(work, 'package.env');
    writeFileSync(
      envFile,
      `TEAMS_APP_ID=${ENV.TEAMS_APP_ID}\nMicrosoftAppId=${ENV.MicrosoftAppId}\nBOT_DOMAIN=wrong.example.com\n`,
    );
    const outFile = join(work, 'appPackage.zip');
    expect(await main(['--settings', envFile], { BOT_DOMAIN: ENV.BOT_DOMAIN }, { rootDir: ROOT, outFile })).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(outFile));
    expect(
      (JSON.parse(await zip.file('manifest.json')!.async('string')) as { validDomains: string[] }).validDomains,
    ).toEqual([ENV.BOT_DOMAIN, 'token.botframework.com']);
    expect(lines.join('\n')).toContain('contains   manifest.json, color.png, outline.png');
  });

  it('exits 1 on an unknown argument', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await main(['--verbose'], ENV, { rootDir: ROOT, outFile: join(work, 'x.zip') })).toBe(1);
  });
});
