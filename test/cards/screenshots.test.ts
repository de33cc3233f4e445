/**
 * Renders every card with the Adaptive Cards HTML renderer in headless Chromium, in a Teams-like
 * light theme, and writes PNGs to docs/cards/ (the README shows some of them).
 *
 * Needs Debian's Chromium (`apt-get install -y chromium`; CHROMIUM_PATH overrides /usr/bin/chromium).
 * Without it the suite is skipped, except under CI, where it fails.
 * Nothing is loaded over the network: the page is set from a string, the scripts are inlined, and
 * every request the page makes is refused and counted.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { type Card } from '../../src/cards/render';
import { wording } from '../../src/cards/wording';
import { cardToText, executeActions } from '../../src/cards/text';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { cardsIn, postActivity, teamsCardAction, teamsMessage, type AskerInfo } from '../../src/tools/activities';
import type { Language } from '../../src/shared/types';
import { everyCard, openIncident, render as renderFixture, story, storySummaryCard } from '../fixtures/cards';
import { NOW, startApp, type RunningApp } from '../support/app';
import { DemoTenant } from '../../src/demo/tenant';
import { withLiveIncident } from '../../src/demo/liveIncident';

const ROOT = resolve(__dirname, '..', '..');
const OUT = join(ROOT, 'docs', 'cards');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCRIPTS = [
  // The Adaptive Cards renderer renders markdown with markdown-it when the page has it (window.markdownit), as Teams renders markdown.
  join(ROOT, 'node_modules', 'markdown-it', 'dist', 'browser', 'markdown-it.umd.min.js'),
  join(ROOT, 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.min.js'),
];
const STYLES = join(ROOT, 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.css');
/** About the width of a bot's card in a Teams desktop chat. */
const CARD_WIDTH = 450;
/** A PNG smaller than this is blank or nearly so. */
const MIN_PNG_BYTES = 2 * 1024;

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const TEXT = { default: '#242424', subtle: '#616161' };
const foregroundColors = {
  default: TEXT,
  dark: { default: '#252423', subtle: '#484644' },
  light: { default: '#FFFFFF', subtle: '#E1DFDD' },
  accent: { default: '#5B5FC7', subtle: '#7F85F5' },
  good: { default: '#0E700E', subtle: '#107C10' },
  warning: { default: '#835B00', subtle: '#8A6A00' },
  attention: { default: '#C4314B', subtle: '#D13438' },
};
/** Close to Teams' light theme (Segoe UI is not on Linux; Liberation Sans has Arial's metrics, DejaVu Sans is wider). */
const HOST_CONFIG = {
  fontFamily: "'Segoe UI', 'Liberation Sans', system-ui, sans-serif",
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 200, default: 400, bolder: 600 },
  supportsInteractivity: true,
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  containerStyles: {
    default: { backgroundColor: '#FFFFFF', foregroundColors },
    emphasis: { backgroundColor: '#F5F5F5', foregroundColors },
    accent: { backgroundColor: '#EBEBFA', foregroundColors },
    good: { backgroundColor: '#F1FAF1', foregroundColors },
    warning: { backgroundColor: '#FFF9F5', foregroundColors },
    attention: { backgroundColor: '#FDF3F4', foregroundColors },
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    actionsOrientation: 'horizontal',
    actionAlignment: 'stretch',
    showCard: { actionMode: 'inline', inlineTopMargin: 12, style: 'emphasis' },
  },
  factSet: { title: { weight: 'bolder', wrap: true, maxWidth: 150 }, value: { wrap: true }, spacing: 12 },
  inputs: { label: { inputSpacing: 'small', optionalInputs: { weight: 'bolder' } } },
};
/** Teams-like buttons and inputs on top of the renderer's own stylesheet. */
const TEAMS_CSS = `
  body { margin: 0; padding: 16px; background: #F5F5F5; font-family: ${HOST_CONFIG.fontFamily}; }
  #host { width: ${CARD_WIDTH}px; }
  #host > .ac-adaptiveCard { border: 1px solid #E0E0E0; border-radius: 6px; overflow: hidden; }
  .ac-pushButton { font-family: inherit; font-size: 14px; font-weight: 600; min-height: 32px; border: 1px solid #D1D1D1; border-radius: 4px; color: #242424; background: #FFFFFF; }
  .ac-pushButton.style-positive { background: #5B5FC7; border-color: #5B5FC7; color: #FFFFFF; }
  .ac-pushButton:hover, .ac-pushButton:active { background: #F5F5F5; color: #242424; border-color: #C7C7C7; }
  .ac-pushButton.expanded { background: #EBEBEB; color: #242424; border-color: #C7C7C7; }
  .ac-pushButton.style-positive:hover, .ac-pushButton.style-positive:active { background: #4F52B2; border-color: #4F52B2; color: #FFFFFF; }
  /* The renderer's chevron is a glyph of an icon font Teams has and Linux has not. */
  .ac-pushButton.expandable:after { font-family: inherit; font-size: 12px; font-weight: 400; margin-left: 6px; content: "\\25BE"; }
  .ac-pushButton.expandable.expanded:after { content: "\\25B4"; }
  .ac-input { font-family: inherit; font-size: 14px; border: 1px solid #D1D1D1; border-radius: 4px; }
  a.ac-anchor:link, a.ac-anchor:visited { color: #5B5FC7; }
  /* The renderer gives markdown lists width: 100% on top of the browser's 40px indent, which cuts off their right edge. */
  .ac-textBlock ol, .ac-textBlock ul { box-sizing: border-box; padding-left: 24px; }
`;

interface RenderResult {
  ok: boolean;
  width: number;
  height: number;
  text: string;
}

/** The card's first TextBlock, as a reader sees it (the bot escapes markdown characters with a backslash). */
function titleOf(card: Card): string {
  const body = card.content.body as { text?: string }[];
  return (body[0].text ?? '').replace(/\\([*[\]\\_])/g, '$1');
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The demo stories, asked over the real server (demo tenant): the README and docs/cards show these. */
/** `live`: asked of a bot with the live index and the demo's live incident (tenant-wide answers say it first). */
interface Story {
  file: string;
  language: Language;
  who: string;
  text: string;
  ticket?: boolean;
  withoutPolicyPermission?: boolean;
  live?: boolean;
  /** `{requestId}` in the text: the request id of this person's newest sign-in that failed with this code. */
  requestOf?: { who: string; code: number };
}
const STORIES: Story[] = [
  {
    file: 'megan-lockout-helpdesk-en',
    language: 'en',
    who: 'Alex Wilber',
    text: 'why did Megan Bowen fail to sign in yesterday?',
  },
  { file: 'megan-lockout-self-en', language: 'en', who: 'Megan Bowen', text: "why can't I sign in?" },
  { file: 'megan-lockout-self-nl', language: 'nl', who: 'Megan Bowen', text: 'waarom kan ik niet inloggen?' },
  { file: 'adele-ca-block-en', language: 'en', who: 'Alex Wilber', text: 'why was Adele Vance blocked this week?' },
  // The same question when the bot's app lacks Policy.Read.ConditionalAccess: Graph leaves the policies out.
  {
    file: 'adele-ca-block-no-policy-permission-en',
    language: 'en',
    who: 'Alex Wilber',
    text: 'why was Adele Vance blocked this week?',
    withoutPolicyPermission: true,
  },
  {
    file: 'patti-mfa-fatigue-en',
    language: 'en',
    who: 'Alex Wilber',
    text: 'why did Patti Fernandez fail to sign in this week?',
  },
  {
    file: 'patti-mfa-fatigue-nl',
    language: 'nl',
    who: 'Alex Wilber',
    text: 'waarom kon Patti Fernandez deze week niet inloggen?',
  },
  { file: 'outage-en', language: 'en', who: 'Alex Wilber', text: 'is there an outage?' },
  { file: 'count-en', language: 'en', who: 'Alex Wilber', text: 'how many times did users sign in this week?' },
  {
    file: 'empty-filtered-en',
    language: 'en',
    who: 'Alex Wilber',
    text: 'who failed to sign in to Salesforce in the last hour?',
  },
  {
    file: 'ticket-flow-en',
    language: 'en',
    who: 'Alex Wilber',
    text: 'why did Megan Bowen fail to sign in yesterday?',
    ticket: true,
  },
  {
    file: 'ticket-flow-nl',
    language: 'nl',
    who: 'Alex Wilber',
    text: 'waarom kon Megan Bowen gisteren niet inloggen?',
    ticket: true,
  },
  { file: 'who-failed-today-en', language: 'en', who: 'Alex Wilber', text: 'who failed to sign in today?', live: true },
  { file: 'locked-out-now-en', language: 'en', who: 'Alex Wilber', text: 'who is locked out right now?', live: true },
  {
    file: 'who-got-locked-out-today-nl',
    language: 'nl',
    who: 'Alex Wilber',
    text: "welke collega's zaten vandaag op slot?",
    live: true,
  },
  { file: 'megan-pattern-en', language: 'en', who: 'Alex Wilber', text: "what is Megan Bowen's sign-in pattern?" },
  {
    file: 'miriam-disabled-yes-no-en',
    language: 'en',
    who: 'Alex Wilber',
    text: "has Miriam's account been disabled?",
  },
  {
    file: 'request-id-en',
    language: 'en',
    who: 'Alex Wilber',
    text: "here's the request id from the error screen: {requestId}",
    requestOf: { who: 'Adele Vance', code: 53003 },
  },
  {
    file: 'megan-anyone-tried-self-en',
    language: 'en',
    who: 'Megan Bowen',
    text: 'did anyone try to get into my account this week?',
  },
];

/**
 * Helpdesk fixes (issue 21), clicked over the real server: the person asks, then clicks the named fix's
 * button and (confirm) the confirmation's; the last card is drawn. Each story runs on a fresh bot, so
 * "done" is this click's and not an earlier story's.
 */
interface FixStory {
  file: string;
  language: Language;
  who: string;
  text: string;
  fix: string;
  confirm: boolean;
}
const FIX_STORIES: FixStory[] = (['en', 'nl'] as const)
  .flatMap((language) => {
    const text =
      language === 'nl'
        ? 'waarom kon Megan Bowen gisteren niet inloggen?'
        : 'why did Megan Bowen fail to sign in yesterday?';
    const megan = { language, text, fix: 'revokeSessions' };
    return [
      // The answer itself, with its fix buttons (no click).
      { ...megan, file: `megan-lockout-helpdesk-admin-${language}`, who: 'Nestor Wilke', fix: 'none', confirm: false },
      { ...megan, file: `megan-fix-confirm-helpdesk-admin-${language}`, who: 'Nestor Wilke', confirm: false },
      { ...megan, file: `megan-fix-done-helpdesk-admin-${language}`, who: 'Nestor Wilke', confirm: true },
      { ...megan, file: `megan-fix-refused-reader-${language}`, who: 'Alex Wilber', confirm: true },
    ];
  })
  .concat([
    {
      file: 'lynne-tap-once-en',
      language: 'en',
      who: 'Henrietta Mueller',
      text: 'reset MFA for Lynne Robbins',
      fix: 'temporaryAccessPass',
      confirm: true,
    },
    {
      file: 'adele-what-if-en',
      language: 'en',
      who: 'Henrietta Mueller',
      text: 'why was Adele Vance blocked this week?',
      fix: 'whatIf',
      confirm: false,
    },
  ]);

async function fixStoryCard(story: FixStory, n: number): Promise<Card> {
  const running = await startApp();
  try {
    const p = DEMO_PEOPLE.find((x) => x.displayName === story.who)!;
    const asker: AskerInfo = {
      aadObjectId: p.id,
      name: p.displayName,
      locale: story.language === 'nl' ? 'nl-NL' : 'en-US',
      conversationId: `a:fix-shot-${n}`,
    };
    let [content] = cardsIn(await postActivity(running.url, teamsMessage(story.text, asker)));
    const button = executeActions(content).find((a) => a.verb === 'fix' && a.data.fix === story.fix);
    if (button) [content] = cardsIn(await postActivity(running.url, teamsCardAction('fix', button.data, asker)));
    if (story.confirm) {
      const confirm = executeActions(content).find((a) => a.verb === 'fixConfirm')!;
      [content] = cardsIn(await postActivity(running.url, teamsCardAction('fixConfirm', confirm.data, asker)));
    }
    return { content, summary: cardToText(content) };
  } finally {
    await running.stop();
  }
}

function textOf(running: RunningApp, story: Story): string {
  if (!story.requestOf) return story.text;
  const { who, code } = story.requestOf;
  const id = DEMO_PEOPLE.find((x) => x.displayName === who)!.id;
  const newest = running.tenant.signIns
    .filter((r) => r.userId === id && r.status?.errorCode === code && r.isInteractive !== false)
    .sort((a, b) => String(b.createdDateTime).localeCompare(String(a.createdDateTime)))[0];
  return story.text.replace('{requestId}', newest.id!);
}

async function storyCard(running: RunningApp, story: Story, n: number): Promise<Card> {
  const p = DEMO_PEOPLE.find((x) => x.displayName === story.who)!;
  const asker: AskerInfo = {
    aadObjectId: p.id,
    name: p.displayName,
    locale: story.language === 'nl' ? 'nl-NL' : 'en-US',
    conversationId: `a:shot-${n}`,
  };
  let [content] = cardsIn(await postActivity(running.url, teamsMessage(textOf(running, story), asker)));
  if (story.ticket) {
    const button = executeActions(content).find((a) => a.verb === 'openTicket')!;
    const comment =
      story.language === 'nl' ? 'Ze zegt dat ze niet in Lissabon was.' : 'She says she was not in Lisbon.';
    [content] = cardsIn(
      await postActivity(running.url, teamsCardAction('openTicket', { ...button.data, comment }, asker)),
    );
  }
  return { content, summary: cardToText(content) };
}

/**
 * What else gets a PNG: the story with one attempt's details open (from test data), and worst-case
 * data for every card.
 */
interface Shot {
  file: string;
  card: Card;
  language: Language;
  scale: Scale;
}
type Scale = 1 | 2;
function shots(): Shot[] {
  const list: Shot[] = [];
  for (const language of ['en', 'nl'] as const)
    list.push({ file: `details-open-${language}`, card: storySummaryCard(language, story[1].id), language, scale: 1 });
  for (const [name, card] of everyCard('en'))
    list.push({ file: `worst-case-${slug(name)}-en`, card, language: 'en', scale: 1 });
  // The incident alert after "stop notifying": its final state (drawn from test data; over HTTP in test/incidents/alertContent.test.ts).
  list.push({
    file: 'incident-after-stop-notifying-en',
    card: renderFixture(
      {
        kind: 'incident-alert',
        incident: {
          ...openIncident,
          app: 'Contoso Expenses',
          policy: 'Block unmanaged devices – Finance apps',
          unmetControl: 'Block',
        },
        stoppedAt: new Date(openIncident.lastFailure),
      },
      'en',
    ),
    language: 'en',
    scale: 2,
  });
  const [[name, summary]] = everyCard('nl');
  list.push({ file: `worst-case-${slug(name)}-nl`, card: summary, language: 'nl', scale: 1 });
  return list;
}

const haveChromium = existsSync(CHROMIUM);
const missing = `Chromium not found at ${CHROMIUM}: install Debian's chromium: apt-get install -y chromium (or set CHROMIUM_PATH)`;

if (!haveChromium && process.env.CI) {
  describe('card screenshots', () => {
    it('needs Chromium', () => {
      throw new Error(missing);
    });
  });
} else {
  if (!haveChromium) console.warn(`Skipping card screenshots. ${missing}`);
  (haveChromium ? describe : describe.skip)('card screenshots in headless Chromium', () => {
    let browser: Browser;
    const pages = new Map<Scale, Page>();
    const problems: string[] = [];
    const requests: string[] = [];

    let running: RunningApp;
    let live: RunningApp;
    let limited: RunningApp | null = null;
    /** A second bot whose demo tenant has not granted Policy.Read.ConditionalAccess. */
    const withoutPolicyPermission = async () =>
      (limited ??= await startApp(
        {},
        {
          demoTenant: new DemoTenant({
            now: NOW,
            permissions: ['AuditLog.Read.All', 'Directory.Read.All', 'Mail.Send'],
          }),
        },
      ));
    beforeAll(async () => {
      running = await startApp();
      live = await startApp(
        { SIGNIN_INDEX_HOURS: '48' },
        { demoTenant: new DemoTenant(withLiveIncident({ now: NOW })) },
      );
      for (let i = 0; i < 500 && live.app.signInIndex!.poller.stats().filling; i++)
        await new Promise((r) => setTimeout(r, 20));
      await live.app.incidents!.monitor.runOnce();
      mkdirSync(OUT, { recursive: true });
      // launch() gives Chromium a new, empty profile directory of its own and removes it on close.
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
      for (const scale of [1, 2] as const) pages.set(scale, await openPage(browser, scale));
    }, 30_000);

    async function openPage(b: Browser, scale: Scale): Promise<Page> {
      const context = await b.newContext({
        viewport: { width: CARD_WIDTH + 32, height: 800 },
        deviceScaleFactor: scale,
        colorScheme: 'light',
        locale: 'en-US',
      });
      await context.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      const page = await context.newPage();
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
      });
      await page.setContent(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body><div id="host"></div></body></html>',
      );
      await page.addStyleTag({ path: STYLES });
      await page.addStyleTag({ content: TEAMS_CSS });
      for (const path of SCRIPTS) await page.addScriptTag({ path });
      return page;
    }

    afterAll(async () => {
      await browser?.close();
      await running?.stop();
      await live?.stop();
      await limited?.stop();
    });

    beforeEach(() => {
      problems.length = 0;
    });

    async function render(page: Page, card: Card, language: Language): Promise<RenderResult> {
      return page.evaluate(
        ({ json, hostConfig, lang }) => {
          const AC = (window as unknown as { AdaptiveCards: typeof import('adaptivecards') }).AdaptiveCards;
          const host = document.getElementById('host')!;
          host.replaceChildren();
          document.documentElement.lang = lang;
          const ac = new AC.AdaptiveCard();
          ac.hostConfig = new AC.HostConfig(hostConfig);
          ac.onExecuteAction = () => undefined;
          ac.parse(json);
          const el = ac.render();
          if (!el) return { ok: false, width: 0, height: 0, text: '' };
          el.setAttribute('data-card', 'root');
          host.appendChild(el);
          const box = el.getBoundingClientRect();
          return { ok: true, width: box.width, height: box.height, text: el.innerText };
        },
        { json: card.content, hostConfig: HOST_CONFIG, lang: language },
      );
    }

    async function shoot(file: string, card: Card, language: Language, scale: Scale): Promise<RenderResult> {
      const page = pages.get(scale)!;
      const result = await render(page, card, language);
      expect(result.ok).toBe(true);
      expect(result.width).toBeGreaterThan(100);
      expect(result.height).toBeGreaterThan(40);
      expect(squash(result.text)).toContain(squash(titleOf(card)));
      await page.mouse.move(0, 0);
      const path = join(OUT, `${file}.png`);
      await page.locator('#host > [data-card="root"]').screenshot({ path, animations: 'disabled' });
      expect(existsSync(path)).toBe(true);
      expect(statSync(path).size).toBeGreaterThan(MIN_PNG_BYTES);
      expect(problems).toEqual([]);
      return result;
    }

    it.each(STORIES.map((s, i) => [s.file, s, i] as const))(
      '%s.png (asked over the real server)',
      async (_file, story, i) => {
        const card = await storyCard(
          story.withoutPolicyPermission ? await withoutPolicyPermission() : story.live ? live : running,
          story,
          i,
        );
        const result = await shoot(story.file, card, story.language, 2);
        // What to do now is drawn, and the ticket button too when there is a failure to report.
        const w = wording(story.language);
        if (/lockout|block|fatigue/.test(story.file)) {
          expect(result.text).toContain(w.whatToDoNow);
          expect(
            await pages.get(2)!.locator('#host').getByRole('button', { name: w.openTicket }).first().isVisible(),
          ).toBe(true);
        }
      },
    );

    it.each(FIX_STORIES.map((s, i) => [s.file, s, i] as const))(
      '%s.png (a helpdesk fix clicked over the real server)',
      async (_file, story, i) => {
        const card = await fixStoryCard(story, i);
        const result = await shoot(story.file, card, story.language, 2);
        const w = wording(story.language).fixes;
        if (story.file.includes('refused')) expect(result.text).toContain('Helpdesk Administrator');
        if (story.file.includes('confirm')) expect(result.text).toContain(w.confirmButton);
        if (story.file.includes('tap')) expect(result.text).toContain(w.tapLabel);
        if (story.file.includes('what-if')) expect(result.text).toContain(w.whatIfAsIs);
      },
    );

    it.each(shots().map((s) => [s.file, s] as const))('%s.png', async (_file, shot) => {
      await shoot(shot.file, shot.card, shot.language, shot.scale);
    });

    it('made no network requests', () => {
      expect(requests).toEqual([]);
    });
  });
}
