/**
 * Self-service buttons over the real HTTP server and demo tenant: the person asking about their own
 * lockout gets a button to password reset (Microsoft's, or the tenant's own from SELF_SERVICE_URLS),
 * in their language, beside the ticket button; a helpdesk reader asking about them gets none.
 */
import { DEMO_PEOPLE } from '../../src/demo/people';
import { cardsIn, postActivity, teamsMessage, type AskerInfo } from '../../src/tools/activities';
import { bytes, cardProblems } from '../cards/validateCard';
import { startApp, type RunningApp } from '../support/app';

type El = Record<string, unknown>;
let conversation = 0;

function asker(name: string, locale = 'en-US'): AskerInfo {
  conversation += 1;
  const p = DEMO_PEOPLE.find((x) => x.displayName === name)!;
  return { aadObjectId: p.id, name: p.displayName, locale, conversationId: `a:self-service-${conversation}` };
}

/** Every action on the card, wherever it is (body action sets and the card's own actions). */
function actions(card: El): El[] {
  const found: El[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const el = node as El;
    if (el.isVisible === false) return;
    if (typeof el.type === 'string' && el.type.startsWith('Action.')) found.push(el);
    for (const [key, value] of Object.entries(el)) if (key !== 'card') walk(value);
  };
  walk(card.body);
  walk(card.actions);
  return found;
}

async function ask(app: RunningApp, who: AskerInfo, text: string): Promise<El> {
  const result = await postActivity(app.url, teamsMessage(text, who));
  expect(result.status).toBe(200);
  const cards = cardsIn(result);
  expect(cards).toHaveLength(1);
  expect(cardProblems(cards[0])).toEqual([]);
  expect(bytes(cards[0])).toBeLessThanOrEqual(28 * 1024);
  return cards[0];
}

/** The self-service buttons: links that are not Microsoft's error lookup. */
const selfService = (card: El) =>
  actions(card).filter(
    (a) => a.type === 'Action.OpenUrl' && !String(a.url).includes('login.microsoftonline.com/error'),
  );
const verbs = (card: El) =>
  actions(card)
    .filter((a) => a.type === 'Action.Execute')
    .map((a) => a.verb);
/** Ticket buttons that mark the ticket "this wasn't me" (a possible compromise). */
const notMeTickets = (card: El) =>
  actions(card).filter((a) => a.verb === 'openTicket' && (a.data as El | undefined)?.notMe === true);

describe('self-service buttons', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.stop());

  it('Megan asking about her own lockout gets password reset, and the ticket button stays', async () => {
    const card = await ask(running, asker('Megan Bowen'), "why can't I sign in?");
    const links = selfService(card);
    expect(links.map((a) => a.url)).toEqual(['https://aka.ms/sspr']);
    expect(String(links[0].title)).toMatch(/password/i);
    expect(verbs(card)).toContain('openTicket');
    // Her lockout came from a country she does not sign in from: the ticket can say it wasn't her.
    expect(notMeTickets(card)).toHaveLength(1);
  });

  it('in Dutch, the button is worded in Dutch', async () => {
    const card = await ask(running, asker('Megan Bowen', 'nl-NL'), 'waarom kan ik niet inloggen?');
    const links = selfService(card);
    expect(links.map((a) => a.url)).toEqual(['https://aka.ms/sspr']);
    expect(String(links[0].title)).toMatch(/wachtwoord/i);
  });

  it('Alex (a reader) asking about Megan gets no self-service button', async () => {
    const card = await ask(running, asker('Alex Wilber'), 'why did Megan Bowen fail to sign in yesterday?');
    expect(selfService(card)).toEqual([]);
    expect(notMeTickets(card)).toEqual([]);
    expect(verbs(card)).toContain('openTicket');
  });
});

describe('a tenant with its own password reset portal', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ SELF_SERVICE_URLS: '{"passwordReset":"https://passwordreset.contoso.com/"}' });
  });
  afterAll(() => running.stop());

  it("sends Megan there instead of Microsoft's", async () => {
    const card = await ask(running, asker('Megan Bowen'), "why can't I sign in?");
    expect(selfService(card).map((a) => a.url)).toEqual(['https://passwordreset.contoso.com/']);
  });
});
