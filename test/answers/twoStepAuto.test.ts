/**
 * The default live index (SIGNIN_INDEX_HOURS=auto) in the whole app, on the demo tenant with realistic
 * volume (100 token refreshes per person per day): once its backward fill has reached 7 days, a
 * person's last 7 days are answered from the index alone, in one step, with no Graph read, and
 * every sign-in of the window is in the answer; the start-up log told the fill's progress.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DEMO_TENANT_ID } from '../../src/demo/wiring';
import { DemoTenant } from '../../src/demo/tenant';
import type { Answer, SummaryAnswer } from '../../src/answers/types';
import { NOW, startApp, type RunningApp } from '../support/app';
import { until } from '../support/until';

const ALEX = '00000000-0000-0000-0000-0000000000020';
const MEGAN = '00000000-0000-0000-0000-0000000000021';
const DAY = 86_400_000;
const USER_KINDS = new Set(['interactiveUser', 'nonInteractiveUser']);
const tenant = new DemoTenant({ now: NOW, nonInteractivePerDay: 100 });
let running: RunningApp;

const kindOf = (r: SignIn) => ((r as { signInEventTypes?: string[] }).signInEventTypes ?? ['interactiveUser'])[0];
const truth = (userId: string, from: number, to: number) =>
  tenant.signIns
    .filter((r) => r.userId === userId && USER_KINDS.has(kindOf(r)))
    .filter((r) => Date.parse(r.createdDateTime as string) >= from && Date.parse(r.createdDateTime as string) <= to)
    .map((r) => r.id as string)
    .sort();
function summary(answer: Answer): SummaryAnswer {
  if (answer.kind !== 'summary') throw new Error(`expected a summary, got ${answer.kind}`);
  return answer;
}

beforeAll(async () => {
  // auto is the product's default; startApp turns the index off unless a test names a span.
  running = await startApp(
    { SIGNIN_INDEX_HOURS: 'auto', TURN_BUDGET_MS: '60000', RATE_LIMIT_PER_MINUTE: '1000' },
    { demoTenant: tenant },
  );
  await until(() => running.app.signInIndex!.poller.stats().span.state === 'done', 'the backward fill', 90_000, 50);
}, 120_000);
afterAll(() => running.stop());

it('the default is auto: the index extends back to 7 days, and the log told each step', () => {
  expect(running.app.config.graph.signInIndexHours).toBe('auto');
  const span = running.app.signInIndex!.span();
  expect(span).toMatchObject({ state: 'done', targetHours: 168 });
  expect(span.coveredHours).toBeGreaterThanOrEqual(168);
  const steps = running.logLines
    .map((line) => JSON.parse(line) as { msg: string; signInIndex?: { state: string; coveredHours: number } })
    .filter((l) => l.signInIndex)
    .map((l) => [l.signInIndex!.state, Math.round(l.signInIndex!.coveredHours / 24)]);
  expect(steps).toEqual([...[1, 2, 3, 4, 5, 6, 7].map((d) => ['extending', d]), ['done', 7]]);
  expect(running.logLines.some((l) => /sign-in index: 7 days kept, [\d,]+ sign-ins, \d+ MB/.test(l))).toBe(true);
});

it("a person's last 7 days: the index alone, in one step, no Graph read, every sign-in of the window", async () => {
  const readsBefore = tenant.signInRequests().length;
  const reply = await running.app.troubleshooter.ask(
    {
      userId: ALEX,
      tenantId: DEMO_TENANT_ID,
      timeZone: 'Europe/Amsterdam',
      locale: 'en-US',
      conversationKey: 'auto-week',
      conversationType: 'personal',
    },
    'why did Megan Bowen fail to sign in in the last 7 days?',
  );
  expect(reply.later).toBeUndefined();
  const answer = summary(reply.answer);
  expect(answer.pending).toBeUndefined();
  expect(answer.graphRequests).toBe(0);
  expect(tenant.signInRequests().length).toBe(readsBefore);
  const ids = answer.diagnosis.attempts.flatMap((t) => t.records.map((r) => r.id as string)).sort();
  expect(ids).toEqual(truth(MEGAN, NOW.getTime() - 7 * DAY, NOW.getTime()));
  expect(ids.length).toBeGreaterThan(700);
  expect(answer.diagnosis.leadFinding).toMatchObject({ kind: 'lockout', userId: MEGAN });
});
