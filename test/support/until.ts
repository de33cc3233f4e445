/**
 * Waits for something the test cannot be told about directly (another process's log line, a
 * server's record of a request, a background poll) by checking it every few milliseconds, and
 * fails with `what` after `timeoutMs`. A condition, not a guessed duration: it returns as soon as
 * the condition holds, and a slow machine only makes it wait longer.
 */
export async function until(condition: () => boolean, what: string, timeoutMs = 10_000, everyMs = 10): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
