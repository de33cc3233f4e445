/**
 * Issue 21, What If "from another country": the person's usual country when their sign-ins show one,
 * else the tenant's home country (Graph GET /organization → countryLetterCode, read with the bot's own
 * token), and the card says which it used — in English and Dutch. Over the real HTTP server against
 * the demo tenant, which serves /organization as Graph documents it.
 */
import { cardProblems } from '../cards/validateCard';
import en from '../../src/cards/wording/en.json';
import nl from '../../src/cards/wording/nl.json';
import { DemoTenant } from '../../src/demo/tenant';
import { DEMO_HOME_COUNTRY } from '../../src/demo/organization';
import { startApp, NOW, type RunningApp } from '../support/app';
import { actionsOf, askCard, asker, click, type El } from '../support/fixClicks';

let running: RunningApp;
beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.stop());

const organizationReads = () => running.tenant.requestLog.filter((r) => r.path === '/organization').length;

async function whatIfButton(): Promise<El> {
  const card = await askCard(running, asker('Henrietta Mueller'), 'why was Adele Vance blocked this week?');
  const button = actionsOf(card).find((a) => a.verb === 'fix' && (a.data as El).fix === 'whatIf');
  expect(button).toBeDefined();
  return button!.data as El;
}

it.each([
  ['en', en],
  ['nl', nl],
] as const)(
  'without a usual country (%s): from the tenant’s home country, and the card says so',
  async (language, w) => {
    const { usualCountry, ...data } = await whatIfButton();
    expect(usualCountry).toBeDefined();
    expect(data.country).not.toBe(DEMO_HOME_COUNTRY);
    const before = running.tenant.delegated.actions.length;
    const done = await click(running, asker('Henrietta Mueller'), 'fix', { ...data, language });
    expect(done.statusCode).toBe(200);
    expect(cardProblems(done.value)).toEqual([]);
    const text = JSON.stringify(done.value.body);
    const home = w.fixes.whatIfHomeCountry.replace('{country}', DEMO_HOME_COUNTRY);
    expect(text).toContain(home);
    expect(text).not.toContain(w.fixes.whatIfUsualCountry.split('{country}')[1]);
    // As it was, from a compliant device, from the home country: three evaluations, as the clicker.
    expect(running.tenant.delegated.actions.slice(before).map((a) => a.action)).toEqual(['whatIf', 'whatIf', 'whatIf']);
    // From the home country the country block no longer applies.
    const fromHome = text.slice(text.indexOf(home), text.indexOf(w.fixes.whatIfWithMfa));
    expect(fromHome).not.toContain('Block access from outside allowed countries');
    expect(organizationReads()).toBeGreaterThanOrEqual(1);
  },
);

it('with a usual country: that one, and the organization is not asked', async () => {
  const data = await whatIfButton();
  const reads = organizationReads();
  const done = await click(running, asker('Henrietta Mueller'), 'fix', data);
  const text = JSON.stringify(done.value.body);
  expect(text).toContain(en.fixes.whatIfUsualCountry.replace('{country}', String(data.usualCountry)));
  expect(text).not.toContain(en.fixes.whatIfHomeCountry.split('{country}')[1]);
  expect(organizationReads()).toBe(reads);
});

describe('the demo tenant’s GET /organization (organization-list.md)', () => {
  const get = (tenant: DemoTenant, url: string) => {
    const answer = tenant.handle({
      method: 'GET',
      url: `https://graph.microsoft.com/v1.0${url}`,
      headers: { authorization: 'Bearer demo-tenant-token' },
    });
    return { status: answer.status, body: JSON.parse(answer.body) as El };
  };

  it('answers one organization with its countryLetterCode, honouring $select', () => {
    const tenant = new DemoTenant({ now: NOW, signIns: [] });
    const all = get(tenant, '/organization');
    expect(all.status).toBe(200);
    expect(all.body.value).toHaveLength(1);
    expect((all.body.value as El[])[0]).toMatchObject({ countryLetterCode: DEMO_HOME_COUNTRY });
    const selected = get(tenant, '/organization?$select=countryLetterCode');
    expect((selected.body.value as El[])[0]).toEqual({ countryLetterCode: DEMO_HOME_COUNTRY });
    expect(get(tenant, '/organization?$select=nope').status).toBe(400);
  });

  it('refuses an app without Organization.Read.All or Directory.Read.All (403)', () => {
    const tenant = new DemoTenant({ now: NOW, signIns: [], permissions: ['AuditLog.Read.All'] });
    expect(get(tenant, '/organization').status).toBe(403);
  });
});
