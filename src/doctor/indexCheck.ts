/**
 * The doctor's line on the live sign-in index: the span SIGNIN_INDEX_HOURS asks for (auto: the newest
 * 24 h, then back to 7 days within SIGNIN_INDEX_MAX_MB) and, where the doctor runs inside the bot
 * (the start-up check), what the index actually holds now and how far its fill has come.
 */
import type { Config } from '../config';
import { AUTO_INDEX_SPAN } from '../signins/sources';
import type { SpanReport } from '../signins/live/spanReport';
import { spanWords } from '../signins/live/spanReport';

/** The index's own estimate per sign-in held (bench/results.md §8): what the budget is measured in. */
const BYTES_PER_SIGN_IN = 145;

export function indexSpanCheck(
  graph: Pick<Config['graph'], 'signInIndexHours' | 'signInIndexMaxMb'>,
  now?: SpanReport | null,
) {
  const hours = graph.signInIndexHours;
  if (hours === 0)
    return {
      group: 'setting' as const,
      name: 'SIGNIN_INDEX_HOURS',
      status: 'note' as const,
      evidence: '0',
      cost: 'every question reads Graph (about 5 reads per 10 s per tenant): answers queue when many ask at once, and incident alerts are off.',
      fix: 'Set SIGNIN_INDEX_HOURS=auto (the default).',
    };
  const fits = Math.floor((graph.signInIndexMaxMb * 1024 ** 2) / BYTES_PER_SIGN_IN / 7);
  const asked =
    hours === 'auto'
      ? `auto: the newest ${spanWords(AUTO_INDEX_SPAN.firstHours)} first, then back day by day to ${spanWords(AUTO_INDEX_SPAN.mostHours)} while the index stays under SIGNIN_INDEX_MAX_MB=${graph.signInIndexMaxMb} (7 days of up to about ${fits.toLocaleString('en-US')} sign-ins a day)`
      : `${spanWords(hours)} (SIGNIN_INDEX_HOURS=${hours})`;
  return {
    group: 'setting' as const,
    name: 'SIGNIN_INDEX_HOURS',
    status: 'ok' as const,
    evidence: now ? `${asked}; now ${now.text}` : asked,
  };
}
