import { TicketSinkError } from './errors';

export interface SinkOptions {
  /** Timeout of one attempt. */
  timeoutMs?: number;
  /** Attempts in all, including the first. */
  attempts?: number;
  /** Delay before the first retry; doubles after each. */
  retryDelayMs?: number;
  /** Ceiling for all attempts together: a Teams invoke must be answered within about 15 s. */
  budgetMs?: number;
}

/** A sink's name (as in TICKET_SINK) and how messages call the service ("ServiceNow"). */
export interface SinkIdentity {
  name: string;
  label: string;
}

export const DEFAULT_SINK_OPTIONS: Required<SinkOptions> = {
  timeoutMs: 4000,
  attempts: 3,
  retryDelayMs: 250,
  budgetMs: 10000,
};

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, runs out of attempts or of
 * budget. Each attempt gets its own abort signal and time limit.
 */
export async function withRetry<T>(
  who: SinkIdentity,
  options: SinkOptions,
  attempt: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const { timeoutMs, attempts, retryDelayMs, budgetMs } = { ...DEFAULT_SINK_OPTIONS, ...options };
  const started = Date.now();
  for (let n = 1; ; n++) {
    const limit = Math.max(1, Math.min(timeoutMs, budgetMs - (Date.now() - started)));
    try {
      return await withTimeout(who, limit, attempt);
    } catch (error) {
      const e =
        error instanceof TicketSinkError
          ? error
          : new TicketSinkError(`${who.label} could not take the ticket.`, who.name, false);
      const wait = e.retryAfterSeconds !== undefined ? e.retryAfterSeconds * 1000 : retryDelayMs * 2 ** (n - 1);
      const outOfBudget = Date.now() - started + wait >= budgetMs;
      if (!e.retryable || n >= attempts || outOfBudget) {
        if (n === 1) throw e;
        throw new TicketSinkError(
          `${e.message.replace(/\.$/, '')}; tried ${n} times.`,
          e.sink,
          e.retryable,
          e.status,
          e.retryAfterSeconds,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** Aborts the attempt's signal and rejects after `ms`, even if the work ignores the signal. */
async function withTimeout<T>(who: SinkIdentity, ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(timeoutError(who, ms));
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function timeoutError(who: SinkIdentity, ms: number): TicketSinkError {
  return new TicketSinkError(`${who.label} did not answer within ${formatSeconds(ms)}.`, who.name, true);
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
