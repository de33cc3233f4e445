/**
 * Empty answers over HTTP (real server, demo tenant behind the real Graph client, real card
 * validation): "nothing found" restates every filter applied — person, app, kind of failure, id,
 * window — in English and Dutch, with the kind of failure as a noun in its plural form.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { cardToText } from '../../src/cards/text';
import { categoryOf } from '../../src/diagnosis/categories';
import { cardsIn, postActivity, teamsMessage } from '../../src/tools/activities';
import { cardProblems } from '../cards/validateCard';
import { NOW, startApp, type RunningApp } from '../support/app';

const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' };
const LYNNE = '00000000-0000-0000-0000-0000000000025';
let running: RunningApp;

beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.stop());

async function firstLine(text: string, locale = 'en-US'): Promise<string> {
  const [card] = cardsIn(await postActivity(running.url, teamsMessage(text, { ...ALEX, locale })));
  expect(cardProblems(card)).toEqual([]);
  return cardToText(card).split('\n')[0];
}

const within = (r: SignIn, hours: number) =>
  NOW.getTime() - Date.parse(r.createdDateTime as string) <= hours * 3_600_000;

describe('an empty answer restates every filter', () => {
  it('names the kind of failure and the person (en, nl)', async () => {
    // The premise, from the demo tenant's own data: Lynne had no MFA failure in the last hour.
    expect(running.tenant.signIns.filter((r) => r.userId === LYNNE && within(r, 1) && categoryOf(r) === 'mfa')).toEqual(
      [],
    );
    expect(await firstLine('any MFA failures for Lynne in the last hour?')).toMatch(
      /^No MFA failures for Lynne Robbins between .+\.$/,
    );
    expect(await firstLine('MFA-fouten voor Lynne in het afgelopen uur?', 'nl-NL')).toMatch(
      /^Geen MFA-fouten van Lynne Robbins tussen .+\.$/,
    );
  });

  it('names the kind of failure and the app, tenant-wide (en, nl)', async () => {
    expect(
      running.tenant.signIns.filter(
        (r) => r.appDisplayName === 'Salesforce' && within(r, 1) && categoryOf(r) === 'conditional_access',
      ),
    ).toEqual([]);
    expect(await firstLine('conditional access blocks in Salesforce in the last hour')).toMatch(
      /^No Conditional Access blocks for anyone in Salesforce between .+\.$/,
    );
    expect(await firstLine('wie is er door CA geblokkeerd in Salesforce het afgelopen uur?', 'nl-NL')).toMatch(
      /^Geen blokkades door voorwaardelijke toegang in de hele organisatie bij Salesforce tussen .+\.$/,
    );
  });

  it('names a request id that matched nothing (en, nl)', async () => {
    const id = '7d3f2a10-1b2c-4d5e-8f90-a1b2c3d4e5f6';
    expect(await firstLine(`lookup request id ${id}`)).toContain(`with request ID ${id}`);
    expect(await firstLine(`zoek aanvraag-id ${id} op`, 'nl-NL')).toContain(`met aanvraag-ID ${id}`);
  });
});
