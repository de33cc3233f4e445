/**
 * What `npm start` gives a newcomer: the bot and the Microsoft 365 Agents Playground on loopback,
 * and a real browser asking the question, opening the details and the ticket. Runs the built starter
 * (dist/), so it builds first when dist is missing.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const ROOT = join(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const BOT_PORT = 39781;
const PLAYGROUND_PORT = 56151;
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI)
  throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium).`);
if (!haveBrowser)
  console.warn(`Skipping the Agents Playground test: no Chromium at ${CHROMIUM} (apt-get install -y chromium).`);
const describeWithBrowser = haveBrowser ? describe : describe.skip;

async function waitFor(url: string, seconds: number): Promise<boolean> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

describeWithBrowser('npm start: the bot with the Agents Playground', () => {
  let starter: ChildProcess;
  let browser: Browser;
  let output = '';
  // A state directory of its own: tickets and alert subscriptions of earlier runs must not answer for this one.
  const stateDir = mkdtempSync(join(tmpdir(), 'playground-state-'));

  beforeAll(async () => {
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')],
      { cwd: ROOT, stdio: 'inherit' },
    );
    starter = spawn(process.execPath, [join(ROOT, 'dist/src/tools/start-with-playground.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(BOT_PORT),
        PLAYGROUND_PORT: String(PLAYGROUND_PORT),
        // info: the log says when the live index has reached back its 7 days (below).
        LOG_LEVEL: 'info',
        STATE_DIR: stateDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    starter.stdout!.on('data', (d) => (output += d));
    starter.stderr!.on('data', (d) => (output += d));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    starter?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 700));
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('serves /healthz and the Playground page within 90 s, and says where to go', async () => {
    expect(await waitFor(`http://127.0.0.1:${BOT_PORT}/healthz`, 90)).toBe(true);
    expect(await waitFor(`http://127.0.0.1:${PLAYGROUND_PORT}/`, 90)).toBe(true);
    const deadline = Date.now() + 10_000;
    while (!output.includes('is ready') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(output).toContain(`Open http://127.0.0.1:${PLAYGROUND_PORT}`);
  }, 120_000);

  it('answers a question typed in the Playground with a card, and opens a ticket from it', async () => {
    // The steady state: SIGNIN_INDEX_HOURS=auto has read back its 7 days, so "yesterday" needs no Graph read.
    // (In the first minutes the ticket click's re-read of its card's question competes with the backward fill
    // for Graph's 5 reads per 10 s, and the ticket may open without the finding: the notes of issue 20.)
    const deadline = Date.now() + 400_000;
    while (!output.includes('sign-in index: 7 days kept') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(output).toContain('sign-in index: 7 days kept');
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    page.on('pageerror', (e) => console.warn('playground page error:', e.message));
    await page.goto(`http://127.0.0.1:${PLAYGROUND_PORT}/`, { waitUntil: 'domcontentloaded' });
    const box = page.locator('[contenteditable="true"]').first();
    await box.waitFor({ timeout: 30_000 });
    await box.click();
    await page.keyboard.type('why did Megan Bowen fail to sign in yesterday?');
    await page.getByRole('button', { name: 'Send Message' }).click();
    await page.getByText("Megan's account was locked").first().waitFor({ timeout: 30_000 });
    // What to do now and the ticket button are on the answer itself, without opening anything.
    await page.getByText('What to do now').first().waitFor({ timeout: 10_000 });
    expect(await page.getByRole('button', { name: 'Open support ticket' }).first().isVisible()).toBe(true);
    // UPDATE_DOCS=1 refreshes the README's screenshot; otherwise it goes to build/.
    await page.screenshot({
      path: join(ROOT, process.env.UPDATE_DOCS ? 'docs/playground.png' : 'build/playground.png'),
    });
    await page.getByRole('button', { name: 'Open support ticket' }).first().click();
    // The confirmation keeps the investigation: the verdict stays above the ticket's state.
    await page
      .getByText(/Ticket SIT-[0-9A-F]{8} opened; it went to/)
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await page.getByText("Megan's account was locked").count()).toBeGreaterThan(0);
    await page.close();
  }, 520_000);

  it('switches on incident alerts in the "Sign-in problems" channel and posts the demo incident there, counts only', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    page.on('pageerror', (e) => console.warn('playground page error:', e.message));
    await page.goto(`http://127.0.0.1:${PLAYGROUND_PORT}/`, { waitUntil: 'domcontentloaded' });
    await page.locator('[contenteditable="true"]').first().waitFor({ timeout: 30_000 });
    await page.getByText('Sign-in problems').first().click();
    await page.getByRole('button', { name: 'Post' }).waitFor({ timeout: 10_000 });
    const box = page.locator('[contenteditable="true"]').first();
    await box.click();
    // In a channel the bot hears only messages that mention it. The bot's name is on the page already (the roster), so
    // wait for the suggestion to add one more before picking it: a slow machine would otherwise click the roster.
    const botName = page.getByText('Sign-in Troubleshooter', { exact: true });
    const before = await botName.count();
    await page.keyboard.type('@Sign');
    const deadline = Date.now() + 30_000;
    while ((await botName.count()) <= before && Date.now() < deadline) await page.waitForTimeout(200);
    await botName.last().click();
    await page.waitForTimeout(300);
    await page.keyboard.type(' notify this channel about sign-in incidents');
    await page.getByRole('button', { name: 'Post' }).click();
    // The demo tenant's live incident (a Conditional Access policy blocking Finance) reaches the
    // channel as a new post after the next poll of the sign-in log; nothing else posts alerts there.
    // (The confirmation is a reply in the thread of the post, which the Playground may fold away.)
    const alert = page.getByText(/^Sign-in incident: .+ is blocking \d+ people$/).first();
    await alert.waitFor({ timeout: 150_000 });
    const channelText = await page.locator('body').innerText();
    expect(channelText).toMatch(/Block unmanaged devices/);
    // Counts only in a shared conversation: no demo person's address or name.
    expect(channelText).not.toMatch(/@example\.com/);
    for (const name of ['Megan Bowen', 'Adele Vance', 'Patti Fernandez', 'Lynne Robbins'])
      expect(channelText).not.toContain(name);
    await page.screenshot({
      path: join(ROOT, process.env.UPDATE_DOCS ? 'docs/incident-alert.png' : 'build/incident-alert.png'),
    });
    await page.close();
  }, 260_000);
});
