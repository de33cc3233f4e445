/**
 * Apps and managed identities over HTTP (real server, demo tenant behind the real Graph client,
 * real card validation): a reader asking about one gets its failing code, meaning, fix, since
 * when, how often and last success; anyone else is refused as for another person's sign-ins; with
 * those kinds of sign-in not read, the answer names the setting to turn on.
 */
import { cardToText, executeActions } from '../../src/cards/text';
import { explain } from '../../src/diagnosis/catalog';
import { BACKUP_RUNNER, PAYROLL_SYNC } from '../../src/demo/otherSignIns';
import { cardsIn, postActivity, teamsMessage } from '../../src/tools/activities';
import { cardProblems } from '../cards/validateCard';
import { startApp, type RunningApp } from '../support/app';

const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' };
const MEGAN = { aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' };
const ALL_KINDS = 'interactiveUser,nonInteractiveUser,servicePrincipal,managedIdentity';

async function ask(app: RunningApp, text: string, asker: typeof ALEX, locale = 'en-US') {
  const [card] = cardsIn(await postActivity(app.url, teamsMessage(text, { ...asker, locale })));
  expect(cardProblems(card)).toEqual([]);
  return {
    text: cardToText(card),
    tickets: executeActions(card)
      .filter((a) => a.verb === 'openTicket')
      .map((a) => String(a.data.signInId)),
  };
}

describe('with SIGNIN_EVENT_TYPES reading apps and identities', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ SIGNIN_EVENT_TYPES: ALL_KINDS });
  });
  afterAll(() => running.stop());
  const payroll = () => running.tenant.signIns.filter((r) => r.appId === PAYROLL_SYNC.appId);

  it.each([
    ['why is the Payroll Sync app failing to authenticate?', 'en-US'],
    ['why does the Payroll Sync service principal fail?', 'en-US'],
  ])(
    'a reader asking "%s" gets the failing code, its fix, since when, how often and the last success',
    async (question, locale) => {
      const answer = await ask(running, question, ALEX, locale);
      const failures = payroll().filter((r) => r.status?.errorCode === 7000222);
      const lastSuccess = payroll()
        .filter((r) => r.status?.errorCode === 0)
        .sort((a, b) => String(b.createdDateTime).localeCompare(String(a.createdDateTime)))[0];
      const sinceSuccess = failures.filter((r) => String(r.createdDateTime) > String(lastSuccess.createdDateTime));
      const first = answer.text.split('\n')[0];
      expect(first).toMatch(
        /^Payroll Sync \(service principal\) has failed to authenticate since .+: \d+ failed sign-in attempts, error 7000222 /,
      );
      expect(first).toContain(explain(7000222, 'en', 'helpdesk').title);
      expect(first).toContain('Last success:');
      expect(first).toContain(`${sinceSuccess.length} failed sign-in attempts`);
      expect(answer.text).toContain(explain(7000222, 'en', 'helpdesk').steps[0]);
      expect(failures.map((r) => r.id)).toContain(answer.tickets[0]);
    },
  );

  it('a name nobody in the directory has is looked for among the apps and identities (nl)', async () => {
    const answer = await ask(running, 'waarom faalt Payroll Sync?', ALEX, 'nl-NL');
    expect(answer.text.split('\n')[0]).toMatch(
      /^Payroll Sync \(service-principal\) kan zich sinds .+ niet aanmelden: \d+ mislukte aanmeldpogingen, fout 7000222 /,
    );
    expect(answer.text).toContain(explain(7000222, 'nl', 'helpdesk').steps[0]);
  });

  it('a managed identity that keeps working is not reported as failing, and is not "not found"', async () => {
    expect(running.tenant.signIns.some((r) => r.appId === BACKUP_RUNNER.appId)).toBe(true);
    const answer = await ask(running, 'is backup-runner failing?', ALEX);
    expect(answer.text.split('\n')[0]).toMatch(/^No failed sign-ins for anyone in backup-runner between /);
  });

  it('a name that is neither a person nor an app in the log is still "not found"', async () => {
    const answer = await ask(running, 'is Zebulon Quartermaine failing?', ALEX);
    const notFound = await ask(running, 'why did Zebulon Quartermaine fail?', ALEX);
    expect(answer.text).toBe(notFound.text);
    expect(answer.text).toContain('Zebulon Quartermaine');
  });

  it.each([
    'why is the Payroll Sync app failing to authenticate?',
    'is backup-runner failing?',
    'waarom faalt Payroll Sync?',
  ])('a non-reader asking "%s" is refused as for anyone else\'s sign-ins, and nothing is read', async (question) => {
    const before = running.tenant.signInRequests().length;
    const answer = await ask(running, question, MEGAN);
    const aboutAlex = await ask(running, 'why did Alex fail to sign in?', MEGAN);
    expect(answer.text).toBe(aboutAlex.text);
    expect(running.tenant.signInRequests().length).toBe(before);
  });
});

describe('with SIGNIN_EVENT_TYPES reading people only (the default)', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.stop());

  it.each(['why is the Payroll Sync app failing to authenticate?', 'is backup-runner failing?'])(
    '"%s" names the setting to turn on',
    async (question) => {
      const answer = await ask(running, question, ALEX);
      // The setting and the two event types to add to it, whatever the sentence around them.
      for (const name of ['SIGNIN_EVENT_TYPES', 'servicePrincipal', 'managedIdentity'])
        expect(answer.text).toContain(name);
    },
  );
});
