/**
 * OData safety, end to end: a helpdesk reader (who may search the directory and the sign-in log)
 * types injection strings. Every value reaches Graph as one quoted literal (quotes doubled, in
 * src/graph/odata.ts), the demo tenant's strict filter parser accepts the query (a broken quote
 * would be a 400 and the "rejected the query" card), and nothing widens: no match-all, no `or`
 * smuggled into a sign-in filter.
 */
import { wording } from '../../src/cards/render';
import { cardToText } from '../../src/cards/text';
import { odataString } from '../../src/graph/odata';
import { compileFilter, SIGNIN_FILTER_RULES } from '../../src/demo/odataFilter';
import { takeEventTypes } from '../../src/demo/eventTypeFilter';
import { cardsIn, postActivity, teamsCardAction, teamsMessage } from '../../src/tools/activities';
import { startApp, type RunningApp } from '../support/app';

const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' };
const s = wording('en');
let running: RunningApp;
let conversation = 0;
const alex = () => ({ ...ALEX, conversationId: `a:alex-odata-${++conversation}` });

beforeAll(async () => {
  running = await startApp({ RATE_LIMIT_PER_MINUTE: '1000', GRAPH_REPORTS_MAX_REQUESTS: '1000' });
});
afterAll(() => running.stop());

async function ask(activity: unknown) {
  const before = running.tenant.requestLog.length;
  const result = await postActivity(running.url, activity);
  const [card] = cardsIn(result);
  return { text: cardToText(card), requests: running.tenant.requestLog.slice(before) };
}

/** The single-quoted literals of a filter, unescaped. */
function literals(filter: string): string[] {
  return [...filter.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].replace(/''/g, "'"));
}

describe('injection strings typed by a reader', () => {
  it.each([
    ["why did x' or '1' eq '1 fail to sign in"],
    ["failures for ') or ("],
    ["why did Robert'); DROP TABLE users;-- fail"],
    ["sign-ins of alex' or startswith(userPrincipalName,'a"],
    ["why did O'Brien' or displayName ge ' fail to sign in"],
  ])('%s: no 400, no widened query', async (text) => {
    const { text: card, requests } = await ask(teamsMessage(text, alex()));
    expect(card).not.toContain(s.serviceTitle_badRequest);
    for (const r of requests.filter((x) => x.filter)) {
      // Every filter the bot sent is valid for the strict parser…
      if (r.path === '/auditLogs/signIns')
        expect(() => compileFilter(takeEventTypes(r.filter, true).rest!, SIGNIN_FILTER_RULES)).not.toThrow();
      // …and whatever was typed sits inside string literals, never as operators.
      if (r.path === '/users') {
        const terms = r.filter!.split(/ or /);
        for (const term of terms)
          expect(term).toMatch(/^startswith\((displayName|givenName|surname|mail|userPrincipalName),'(?:[^']|'')*'\)$/);
      }
    }
    // Outside its string literals a sign-in filter is only the bot's own `and`-joined terms.
    for (const r of requests.filter((x) => x.path === '/auditLogs/signIns')) {
      const skeleton = r.filter!.replace(/'(?:[^']|'')*'/g, "''");
      expect(skeleton).toMatch(
        /^(userId eq '' and )?createdDateTime ge \S+ and createdDateTime le \S+( and [^()]*\(appDisplayName,''\)| and status\/errorCode eq \d+| and correlationId eq '')*( and signInEventTypes\/any\(t: t eq ''( or t eq '')*\))?$/,
      );
    }
  });

  it('a person search for a name with an apostrophe finds that person (the quote is escaped, not dropped)', async () => {
    const { text, requests } = await ask(teamsMessage("why did Seán O'Brien fail to sign in", alex()));
    // The answer is about him, apostrophe and all (the headline names him).
    expect(text.split('\n')[0]).toContain("Seán O'Brien");
    const search = requests.find((r) => r.path === '/users')!;
    expect(search.filter).toContain("'Seán O''Brien'");
  });

  it('a UPN with an apostrophe is looked up as one UPN', async () => {
    const { text, requests } = await ask(teamsMessage("why did sean.o'brien@example.com fail to sign in", alex()));
    expect(text).toContain("Seán O'Brien");
    expect(requests.some((r) => r.path === "/users/sean.o'brien@example.com")).toBe(true);
  });
});

describe('injection strings in card data (retry from a reader)', () => {
  it.each([
    ['correlationId', { correlationId: "x' or userId ne '" }],
    ['app', { app: "x') or startswith(appDisplayName,'" }],
    ['userId', { userId: "00000000-0000-0000-0000-0000000000021' or userId ne '" }],
    ['app with URL characters', { app: 'x%27) and startswith(appDisplayName,%27O' }],
    ['from after to', { from: '2026-11-27T00:00:00Z', to: '2026-11-20T00:00:00Z' }],
    ['a date that is not ISO', { from: '1' }],
  ])('%s: the button is refused before anything reaches Graph', async (_field, patch) => {
    const { text, requests } = await ask(
      teamsCardAction(
        'retry',
        { intent: 'failures', userId: '00000000-0000-0000-0000-0000000000021', ...patch },
        alex(),
      ),
    );
    expect(requests.filter((r) => r.path.startsWith('/auditLogs'))).toEqual([]);
    expect(text).toContain(s.notAllowedTitle);
  });

  it('a value with URL-special characters reaches Graph whole, as one literal', async () => {
    const { requests } = await ask(
      teamsCardAction(
        'retry',
        { intent: 'failures', userId: '00000000-0000-0000-0000-0000000000021', app: 'R&D (EU) portal' },
        alex(),
      ),
    );
    // One read per kind of sign-in (interactive, then non-interactive), each with the whole literal.
    const reads = requests.filter((r) => r.path === '/auditLogs/signIns');
    expect(reads).toHaveLength(2);
    expect(reads[1].filter).toContain("startswith(appDisplayName,'R&D (EU) portal')");
    expect(() => compileFilter(takeEventTypes(reads[0].filter, true).rest!, SIGNIN_FILTER_RULES)).not.toThrow();
    expect(reads[0].filter).toContain("startswith(appDisplayName,'R&D (EU) portal')");
  });
});

describe('odataString', () => {
  it('doubles single quotes so a value cannot end its literal', () => {
    expect(odataString("x' or '1' eq '1")).toBe("'x'' or ''1'' eq ''1'");
    expect(odataString("')")).toBe("''')'");
    expect(literals(`userId eq ${odataString("a' or userId ne '")}`)).toEqual(["a' or userId ne '"]);
  });
});
