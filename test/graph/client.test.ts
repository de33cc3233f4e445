import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { createGraphClient } from '../../src/graph/client';
import { demoAuthProvider } from '../../src/demo/graphTransport';

/** Answers only when aborted (a Graph that hangs), counting the attempts. */
class Hanging implements Middleware {
  attempts = 0;
  async execute(context: Context): Promise<void> {
    this.attempts++;
    const signal = (context.options as { signal?: AbortSignal }).signal!;
    await new Promise<void>((_, reject) =>
      signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }),
    );
  }
}

describe('the Graph client chain', () => {
  it("keeps the caller's own abort signal next to the per-request timeout", async () => {
    const transport = new Hanging();
    const client = createGraphClient({
      endpoint: 'https://graph.microsoft.com',
      authProvider: demoAuthProvider,
      transport,
      timeoutMs: 10_000,
    });
    const started = Date.now();
    await expect(
      client.api('/users/x/sendMail').option('signal', AbortSignal.timeout(150)).post({}),
    ).rejects.toBeDefined();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(transport.attempts).toBe(1);
  });

  it('ends a hanging request at the timeout', async () => {
    const client = createGraphClient({
      endpoint: 'https://graph.microsoft.com',
      authProvider: demoAuthProvider,
      transport: new Hanging(),
      timeoutMs: 200,
    });
    const started = Date.now();
    await expect(client.api('/users').get()).rejects.toBeDefined();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
