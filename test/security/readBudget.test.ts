/**
 * One person cannot spend the tenant's sign-in log budget (Graph: about 5 reads per
 * 10 s for the whole tenant; the real reports limiter runs here at 5 per 10 s). Ticket clicks whose
 * sign-in id cannot be a sign-in, or whose button names someone else, are refused before any read;
 * a "not found" is kept, so the same forged id costs one read at most; and each person may start only
 * half the tenant's reads per window. A non-reader's burst of forged clicks leaves a reader's
 * question answered at once.
 */
import { randomUUID } from 'node:crypto';
import { cardToText } from '../../src/cards/text';
import { ReadBudget } from '../../src/signins/readBudget';
import { cardsIn, postActivity, teamsCardAction, teamsMessage } from '../../src/tools/activities';
import { startApp, type RunningApp } from '../support/app';
import { until } from '../support/until';
import { wording } from '../../src/cards/wording';

const MEGAN = {
  aadObjectId: '00000000-0000-0000-0000-0000000000021',
  name: 'Megan Bowen',
  conversationId: 'a:megan-budget',
};
const ALEX = {
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
  name: 'Alex Wilber',
  conversationId: 'a:alex-budget',
};
const ADELE_ID = '00000000-0000-0000-0000-0000000000022';

let running: RunningApp;
beforeEach(async () => {
  running = await startApp({
    GRAPH_REPORTS_MAX_REQUESTS: '5',
    GRAPH_REPORTS_WINDOW_SECONDS: '10',
    RATE_LIMIT_PER_MINUTE: '1000',
  });
});
afterEach(() => running.stop());

const signInReads = (from: number) =>
  running.tenant.requestLog.slice(from).filter((r) => r.path.startsWith('/auditLogs'));

describe('ticket clicks that the id or the button already answer cost no read', () => {
  it.each([
    ['not a GUID', 'x'.repeat(36)],
    ['a GUID with a path in it', '00000000-0000-0000-0000-000000000001/../..'],
    ['hex of the wrong length', 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeeee'],
    ['an OData quote', "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeee'"],
  ])('an id that is %s', async (_label, signInId) => {
    const before = running.tenant.requestLog.length;
    const result = await postActivity(
      running.url,
      teamsCardAction('openTicket', { signInId, userId: MEGAN.aadObjectId }, MEGAN),
    );
    expect(cardToText(cardsIn(result)[0])).toContain(wording('en').ticketFailedTitle);
    expect(signInReads(before)).toEqual([]);
  });

  it("a non-reader's button that names someone else", async () => {
    const before = running.tenant.requestLog.length;
    const adeles = running.tenant.signIns.find((r) => r.userId === ADELE_ID)!;
    const result = await postActivity(
      running.url,
      teamsCardAction('openTicket', { signInId: adeles.id, userId: ADELE_ID }, MEGAN),
    );
    expect(cardToText(cardsIn(result)[0])).toContain(wording('en').notAllowedTitle);
    expect(signInReads(before)).toEqual([]);
  });

  it('the same unknown id clicked again: "not found" is kept', async () => {
    const forged = randomUUID();
    const before = running.tenant.requestLog.length;
    for (let i = 0; i < 3; i++)
      await postActivity(
        running.url,
        teamsCardAction('openTicket', { signInId: forged, userId: MEGAN.aadObjectId }, MEGAN),
      );
    expect(signInReads(before)).toHaveLength(1);
  });
});

describe("one person's share of the reads", () => {
  it("a non-reader's burst of 60 forged ticket clicks leaves a reader's concurrent question answered within 2 s", async () => {
    const before = running.tenant.requestLog.length;
    const burst = Promise.all(
      [
        ...Array.from({ length: 20 }, () =>
          teamsCardAction('openTicket', { signInId: randomUUID(), userId: MEGAN.aadObjectId }, MEGAN),
        ),
        ...Array.from({ length: 20 }, () =>
          teamsCardAction('openTicket', { signInId: `forged-${randomUUID()}`, userId: MEGAN.aadObjectId }, MEGAN),
        ),
        ...Array.from({ length: 20 }, () =>
          teamsCardAction('openTicket', { signInId: randomUUID(), userId: ADELE_ID }, MEGAN),
        ),
      ].map((click) => postActivity(running.url, click)),
    );
    // The burst is under way: its first reads have reached Graph.
    await until(() => running.tenant.requestLog.length > before, 'the burst to reach Graph');
    const started = Date.now();
    const answer = await postActivity(
      running.url,
      teamsMessage('why did Adele Vance fail to sign in yesterday?', ALEX),
    );
    const took = Date.now() - started;
    expect(cardToText(cardsIn(answer)[0])).toMatch(/for Adele Vance between/);
    const clicks = await burst;
    // Megan's clicks read at most her share: half the tenant's 5 per window; with Alex's one read the
    // window never fills, so no read waited for the limiter — the deterministic form of "at once".
    const megans = signInReads(before).filter((r) => r.filter?.includes(MEGAN.aadObjectId));
    expect(megans.length).toBeLessThanOrEqual(2);
    expect(signInReads(before).length).toBeLessThanOrEqual(5);
    // A read queued behind a full window would wait for the next one (10 s; 30 s and more before the
    // fix). The 2 s goal is measured by `npm run probe` (class 5) on a quiet machine; here, on a shared
    // one, the bound only has to separate "answered at once" from "waited for a window".
    expect(took).toBeLessThan(5000);
    const texts = clicks.map((c) => cardToText(cardsIn(c)[0]));
    expect(texts.filter((t) => t.includes('One moment, please')).length).toBeGreaterThanOrEqual(18);
  });
});

describe('ReadBudget', () => {
  it('allows perPerson reads per window per person, case-insensitively, and frees them as the window slides', () => {
    let now = 0;
    const budget = new ReadBudget({ perPerson: 2, windowMs: 10_000, now: () => now });
    expect([budget.take('A'), budget.take('a'), budget.take('A')]).toEqual([true, true, false]);
    expect(budget.take('b')).toBe(true);
    now = 9_999;
    expect(budget.take('a')).toBe(false);
    now = 10_000;
    expect(budget.take('a')).toBe(true);
  });

  it("is half the tenant's reports limit, at least one", () => {
    const take = (max: number) => {
      const budget = ReadBudget.forTenant({ reportsMaxRequests: max, reportsWindowSeconds: 10 });
      let n = 0;
      while (budget.take('x') && n < 1000) n++;
      return n;
    };
    expect([take(5), take(1), take(2), take(1000)]).toEqual([2, 1, 1, 500]);
  });
});
