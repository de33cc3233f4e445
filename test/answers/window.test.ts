/**
 * A question that names no time: present tense ("why can't I sign in?") is about now and looks at the
 * span the live index holds, so it needs no Graph read; past tense keeps DEFAULT_WINDOW_DAYS. Which words are
 * present tense is tested in test/understanding/form.test.ts.
 */
import { wording } from '../../src/cards/wording';
import { cardsIn, postActivity, teamsMessage } from '../../src/tools/activities';
import { startApp, type RunningApp } from '../support/app';
import { until } from '../support/until';

const MEGAN = { aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' };

describe('over HTTP, with the index on (24 h)', () => {
  let running: RunningApp;
  let conversation = 0;

  beforeAll(async () => {
    running = await startApp({ SIGNIN_INDEX_HOURS: '24', DEFAULT_WINDOW_DAYS: '7' });
    await until(() => !running.app.signInIndex!.poller.stats().filling, 'the index to fill', 20_000);
  });
  afterAll(() => running.stop());

  it('says on the demo health check how far the index has filled', async () => {
    const health = (await (await fetch(`${running.url}/healthz`)).json()) as { signInIndex?: unknown };
    expect(health.signInIndex).toEqual({
      records: running.app.signInIndex!.index.stats().records,
      filling: false,
      role: 'alone',
    });
    expect(running.app.signInIndex!.index.stats().records).toBeGreaterThan(0);
  });

  async function ask(text: string): Promise<{ json: string; reads: number }> {
    const before = running.tenant.signInRequests().length;
    conversation += 1;
    const cards = cardsIn(
      await postActivity(running.url, teamsMessage(text, { ...MEGAN, conversationId: `a:window-${conversation}` })),
    );
    return { json: JSON.stringify(cards), reads: running.tenant.signInRequests().length - before };
  }

  test.each(["why can't I sign in?", 'waarom kan ik niet inloggen?'])(
    '"%s" is answered from the index: no sign-in log read, the lockout found, the 24 hours said',
    async (text) => {
      const answer = await ask(text);
      expect(answer.reads).toBe(0);
      expect(answer.json).toContain('50053');
      const language = text.startsWith('waarom') ? 'nl' : 'en';
      expect(answer.json).toContain(wording(language).defaultWindowHours.replace('{hours}', '24'));
    },
  );

  test('"why did my sign-in fail?" keeps the 7 days, beyond the index: Graph is read', async () => {
    const answer = await ask('why did my sign-in fail?');
    expect(answer.reads).toBeGreaterThan(0);
    expect(answer.json).toContain(wording('en').defaultWindow.replace('{days}', '7'));
  });
});
