/**
 * Realistic volume (issue 20's goals), through the real Graph client against the strict demo tenant
 * with 100 token refreshes per person per day and its realistic background: Megan's lockout is found
 * for "last 7 days" and "yesterday", and "who failed to sign in in the last hour" finds every failure
 * of that hour — with direct reads (default page allowance) and with the live index on; the answers
 * say when a window was not read whole, and these windows are.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DEMO_TENANT_ID } from '../../src/demo/wiring';
import { DemoTenant } from '../../src/demo/tenant';
import type { Answer } from '../../src/answers/types';
import { cardsIn, postActivity, teamsMessage } from '../../src/tools/activities';
import { cardProblems } from '../cards/validateCard';
import { NOW, startApp, type RunningApp } from '../support/app';

const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' };
const MEGAN = '00000000-0000-0000-0000-0000000000021';
const HOUR = 3_600_000;
const tenant = new DemoTenant({ now: NOW, nonInteractivePerDay: 100 });
const kind = (r: SignIn) => ((r as { signInEventTypes?: string[] }).signInEventTypes ?? ['interactiveUser'])[0];
const requester = (key: string) => ({
  userId: ALEX.aadObjectId,
  tenantId: DEMO_TENANT_ID,
  timeZone: 'Europe/Amsterdam',
  locale: 'en-US',
  conversationKey: key,
  conversationType: 'personal',
});

function summary(answer: Answer) {
  if (answer.kind !== 'summary') throw new Error(`expected a summary, got ${answer.kind}`);
  return answer;
}

/** "who failed …" about everyone is the tenant-wide answer (issue 22): it carries the diagnosis of every record read. */
function tenantWide(answer: Answer) {
  if (answer.kind !== 'tenant') throw new Error(`expected a tenant-wide answer, got ${answer.kind}`);
  return answer;
}

describe.each([
  ['direct reads', { SIGNIN_INDEX_HOURS: '0' }],
  ['the live index on', { SIGNIN_INDEX_HOURS: '24' }],
])('at realistic volume, %s', (_name, env) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(env, { demoTenant: tenant });
    if (env.SIGNIN_INDEX_HOURS !== '0') await running.app.signInIndex!.poller.fill();
  }, 120_000);
  afterAll(() => running.stop());

  it('has the volume the goal asks for', () => {
    const day = tenant.signIns.filter(
      (r) =>
        r.userId === MEGAN &&
        kind(r) === 'nonInteractiveUser' &&
        NOW.getTime() - Date.parse(r.createdDateTime as string) <= 24 * HOUR,
    );
    expect(day.length).toBeGreaterThanOrEqual(100);
  });

  it.each([
    'why did Megan Bowen fail to sign in in the last 7 days?',
    'why did Megan Bowen fail to sign in yesterday?',
  ])("finds Megan's lockout: %s", async (question) => {
    const answer = summary((await running.app.troubleshooter.ask(requester(`volume-${question}`), question)).answer);
    expect(answer.coverage).toBeUndefined();
    expect(answer.diagnosis.leadFinding).toMatchObject({ kind: 'lockout', userId: MEGAN });
    const [card] = cardsIn(
      await postActivity(running.url, teamsMessage(question, { ...ALEX, conversationId: `a:volume-${question}` })),
    );
    expect(cardProblems(card)).toEqual([]);
  });

  it('"who failed to sign in in the last hour" finds every failure of that hour', async () => {
    const answer = tenantWide(
      (await running.app.troubleshooter.ask(requester('volume-hour'), 'who failed to sign in in the last hour?'))
        .answer,
    );
    expect(answer.coverage).toBeUndefined();
    const read = new Set(answer.diagnosis.attempts.flatMap((a) => a.records.map((r) => r.id)));
    const { from, to } = answer.window;
    const failures = tenant.signIns.filter(
      (r) =>
        (r.status?.errorCode ?? 0) !== 0 &&
        ['interactiveUser', 'nonInteractiveUser'].includes(kind(r)) &&
        Date.parse(r.createdDateTime as string) >= from.getTime() &&
        Date.parse(r.createdDateTime as string) <= to.getTime(),
    );
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.filter((r) => !read.has(r.id))).toEqual([]);
  });
});
