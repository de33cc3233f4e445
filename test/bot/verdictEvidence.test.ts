/**
 * Issue 22, the audit of verdict sentences as a table over the demo stories, over the real HTTP
 * server: every fact a verdict or a step names — a time, a place, an app, an IP address, a
 * Conditional Access policy, a device state — is a fact the card itself shows (the attempts it
 * lists, page after page through "Show more", and the details of the attempt the picker starts on).
 * The vocabulary of facts comes from the demo tenant's records, not from the card.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { cardToText, executeActions } from '../../src/cards/text';
import { countryName, wording } from '../../src/cards/wording';
import { loadConfig } from '../../src/config';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { DemoTenant } from '../../src/demo/tenant';
import { withLiveIncident } from '../../src/demo/liveIncident';
import type { Language } from '../../src/shared/types';
import { localDateTime } from '../../src/shared/time';
import { cardsIn, postActivity, teamsCardAction, teamsMessage, type AskerInfo } from '../../src/tools/activities';
import { NOW, startApp, type RunningApp } from '../support/app';
import { attemptRows, pickerDefault, steps, verdictText, type El } from './support/cardParts';

const defaults = loadConfig({});
const PAGES: string[] = defaults.ok ? Object.values(defaults.config.selfServiceUrls) : [];
let running: RunningApp;
let conversation = 0;

beforeAll(async () => {
  running = await startApp(
    { RATE_LIMIT_PER_MINUTE: '100000' },
    { demoTenant: new DemoTenant(withLiveIncident({ now: NOW })) },
  );
});
afterAll(() => running.stop());

function asker(name: string, locale: string): AskerInfo {
  conversation += 1;
  const p = DEMO_PEOPLE.find((x) => x.displayName === name)!;
  return { aadObjectId: p.id, name: p.displayName, locale, conversationId: `a:verdict-evidence-${conversation}` };
}

async function post(activity: Parameters<typeof postActivity>[1]): Promise<El> {
  const result = await postActivity(running.url, activity);
  expect(result.status).toBe(200);
  const [card] = cardsIn(result) as El[];
  return card;
}

/** Every attempt the card lists, through "Show more" to the end. */
async function everyListedRow(who: AskerInfo, card: El): Promise<string[]> {
  const rows = [...attemptRows(card)];
  for (let page = card, i = 0; i < 60; i++) {
    const more = executeActions(page).find((a) => a.verb === 'showMore');
    if (!more) break;
    page = await post(teamsCardAction('showMore', more.data, who));
    rows.push(...attemptRows(page));
  }
  return rows;
}

/** The details of the attempt the picker starts on (its facts only), as text. */
async function defaultDetails(who: AskerInfo, card: El): Promise<string> {
  const button = executeActions(card).find((a) => a.verb === 'details');
  if (!button) return '';
  const opened = await post(teamsCardAction('details', { ...button.data, attempt: pickerDefault(card) }, who));
  const facts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const el = node as El;
    if (el.type === 'FactSet') for (const f of el.facts as { title: string; value: string }[]) facts.push(f.value);
    Object.values(el).forEach(walk);
  };
  walk(opened.body);
  expect(facts.length).toBeGreaterThan(0);
  return facts.join('\n').replace(/\\([*[\]])/g, '$1');
}

/** The facts the demo tenant's records can name, in the card's words. */
function vocabulary(language: Language) {
  const records: SignIn[] = running.tenant.signIns;
  const words = (values: (string | null | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))];
  return {
    places: words(
      records.flatMap((r) => [r.location?.city, countryName(r.location?.countryOrRegion ?? null, language)]),
    ),
    apps: words(records.map((r) => r.appDisplayName)),
    ips: words(records.map((r) => r.ipAddress)),
    policies: words(records.flatMap((r) => (r.appliedConditionalAccessPolicies ?? []).map((p) => p.displayName))),
    times: words(
      records.map((r) => localDateTime(new Date(r.createdDateTime as string), 'Europe/Amsterdam', language)),
    ),
  };
}

/** Whole words only ("Lisbon" is not in "Lisbonne", an app name not inside a longer one). */
const names = (text: string, word: string) =>
  new RegExp(`(^|[^\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u').test(text);

const STORIES: [story: string, who: string, locale: string, question: string][] = [
  ["Megan's lockout (helpdesk)", 'Alex Wilber', 'en-US', 'why did Megan Bowen fail to sign in yesterday?'],
  ["Megan's lockout (herself)", 'Megan Bowen', 'en-US', "why can't I sign in?"],
  ["Megan's lockout (NL)", 'Alex Wilber', 'nl-NL', 'waarom kon Megan Bowen gisteren niet inloggen?'],
  ["Adele's block abroad", 'Alex Wilber', 'en-US', 'why was Adele Vance blocked this week?'],
  ["Alex Darrow's scripted attempt", 'Alex Wilber', 'en-US', 'why did Alex Darrow fail to sign in this week?'],
  ["Lynne's expired password", 'Alex Wilber', 'en-US', 'why did Lynne Robbins fail to sign in this week?'],
  ["Miriam's disabled account", 'Alex Wilber', 'en-US', 'why did Miriam Graham fail to sign in in the last 30 days?'],
  ["Patti's MFA fatigue", 'Alex Wilber', 'en-US', 'why did Patti Fernandez fail to sign in this week?'],
  ["Patti's MFA fatigue (NL)", 'Alex Wilber', 'nl-NL', 'waarom kon Patti Fernandez deze week niet inloggen?'],
  ['the outage', 'Alex Wilber', 'en-US', 'is there an outage today?'],
  ['a Finance person in the outage', 'Alex Wilber', 'en-US', 'why was Johanna de Vries blocked today?'],
];

describe.each(STORIES)('%s', (_story, who, locale, question) => {
  it('names in its verdict and steps only facts the card shows', async () => {
    const language: Language = locale.startsWith('nl') ? 'nl' : 'en';
    const w = wording(language);
    const person = asker(who, locale);
    const card = await post(teamsMessage(question, person));
    const said = [verdictText(card), ...steps(card)].join('\n');
    expect(said.length).toBeGreaterThan(0);
    // What anyone sees at once: the first page of attempts, and the details of the attempt the picker starts on.
    const firstPage = attemptRows(card).join('\n');
    const details = await defaultDetails(person, card);
    const atOnce = [firstPage, details].join('\n');
    // Times may be further down the list ("since" is the first failure of the run), or the window's (the scope line).
    const everyRow = (await everyListedRow(person, card)).join('\n');
    const anywhere = [everyRow, details, cardToText(card).replace(said, '')].join('\n');
    const facts = vocabulary(language);

    const unbacked: string[] = [
      ...facts.places.filter((p) => names(said, p) && !names(atOnce, p)).map((p) => `place ${p}`),
      ...facts.apps.filter((a) => names(said, a) && !names(atOnce, a)).map((a) => `app ${a}`),
      ...facts.ips.filter((ip) => names(said, ip) && !names(details, ip)).map((ip) => `IP ${ip}`),
      ...facts.policies.filter((p) => said.includes(p) && !details.includes(p)).map((p) => `policy ${p}`),
      ...facts.times.filter((t) => said.includes(t) && !anywhere.includes(t)).map((t) => `time ${t}`),
    ];
    // A device state the verdict gives is the one the attempt's details show.
    if (said.includes(w.deviceWords.notManaged) && !details.includes(w.deviceUnmanaged)) unbacked.push('device');
    // A page a step sends someone to is a button on the card, or one of the tenant's self-service pages.
    const buttons: string[] = JSON.stringify(card).match(/"url":"[^"]+"/g) ?? [];
    for (const url of steps(card).flatMap((t) => t.match(/https:\/\/[^\s),]*[^\s),.]/g) ?? []))
      if (!buttons.includes(`"url":"${url}"`) && !PAGES.includes(url)) unbacked.push(`page ${url}`);
    expect(unbacked).toEqual([]);
  });
});
