/** The live index's span in one line (start-up log, doctor): the span it actually covers, and how far its fill has come. */
import { DemoTenant } from '../../../src/demo/tenant';
import { LiveSignInIndex } from '../../../src/signins/live/memoryIndex';
import { spanReport, spanWords } from '../../../src/signins/live/spanReport';
import { userSignIns } from '../../fixtures/signIns';

const NOW = new Date('2026-11-27T10:00:00Z').getTime();
const HOUR = 3_600_000;

test('hours up to two days, whole days from there', () => {
  expect([spanWords(0), spanWords(23.6), spanWords(24), spanWords(47), spanWords(48), spanWords(167.9)]).toEqual([
    '0 h',
    '24 h',
    '24 h',
    '47 h',
    '2 days',
    '7 days',
  ]);
});

test('each state says the span actually covered, never the one aimed at', () => {
  const tenant = new DemoTenant({ now: new Date(NOW) });
  const index = new LiveSignInIndex({
    hours: 24,
    maxRecords: 1e6,
    maxBytes: 1e9,
    maxStalenessMs: 90_000,
    now: () => NOW,
  });
  index.setSpanHours(168);
  index.add(userSignIns(tenant).filter((r) => Date.parse(r.createdDateTime!) >= NOW - 72 * HOUR));
  index.markSynced(NOW);
  // Held: 72 h (the span may reach 168 h, but only 72 h were read).
  index.markCoveredFrom(NOW - 72 * HOUR);
  const stats = index.stats();
  const auto = { firstHours: 24, targetHours: 168 };
  const text = (state: 'filling' | 'extending' | 'done' | 'budget' | 'failed') =>
    spanReport({ ...auto, state }, stats, NOW).text;
  const held = `${stats.records.toLocaleString('en-US')} sign-ins, ${Math.round(stats.bytes / 1024 ** 2)} MB`;
  expect(stats.records).toBeGreaterThan(100);
  expect(text('extending')).toBe(`3 days so far, extending to 7 days; ${held}`);
  expect(text('done')).toBe(`3 days kept, ${held}`);
  expect(text('budget')).toMatch(/^stopped at 3 days: memory budget/);
  expect(text('failed')).toMatch(/^stopped at 3 days: /);
  expect(text('filling')).toMatch(/filling the newest 24 h first, then extending to 7 days/);
  expect(spanReport({ state: 'filling', firstHours: 72, targetHours: 72 }, stats, NOW).text).toMatch(
    /so far, filling 3 days;/,
  );
  expect(spanReport(null, stats, NOW)).toMatchObject({ state: 'following', coveredHours: 72 });
});
