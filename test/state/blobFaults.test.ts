/** Azure Blob store faults on a real Azurite: the endpoint gone and back, conflicts, slow answers. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BlobStateStore } from '../../src/state/blobStore';
import { StateUnavailableError } from '../../src/state/types';
import { startAzurite, type Azurite } from '../../src/tools/azurite';

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite?.dispose());

/** An HTTP proxy to Azurite that holds each answer for `delayMs` (the store's time limit is shorter). */
async function slowProxy(delayMs: number): Promise<{ connectionString: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const upstream = http.request(
      { host: '127.0.0.1', port: azurite.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        const timer = setTimeout(() => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        }, delayMs);
        res.on('close', () => clearTimeout(timer));
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    connectionString: azurite.connectionString.replace(`:${azurite.port}/`, `:${port}/`),
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

test('Azurite stopped mid-run: calls fail fast as StateUnavailableError; restarted, the same client works again with the data kept', async () => {
  const store = new BlobStateStore({
    container: 'restart',
    connectionString: azurite.connectionString,
    timeoutMs: 1_000,
  });
  expect(await store.create('tickets/t1', { state: 'sent' }, 60_000)).toEqual(expect.any(String));

  await azurite.stop();
  const started = Date.now();
  await expect(store.get('tickets/t1')).rejects.toBeInstanceOf(StateUnavailableError);
  await expect(store.create('tickets/t2', { state: 'claimed' }, 60_000)).rejects.toThrow(
    /Azure Blob Storage could not write/,
  );
  expect(Date.now() - started).toBeLessThan(5_000);

  await azurite.start();
  expect((await store.get('tickets/t1'))?.value).toEqual({ state: 'sent' });
  expect(await store.create('tickets/t1', { state: 'again' }, 60_000)).toBeNull();
  expect(await store.create('tickets/t2', { state: 'claimed' }, 60_000)).toEqual(expect.any(String));
});

test('412 on a stale ETag and 409 on an existing blob are "someone else has it" (null), not errors', async () => {
  const a = new BlobStateStore({ container: 'conflicts', connectionString: azurite.connectionString });
  const b = new BlobStateStore({ container: 'conflicts', connectionString: azurite.connectionString });
  const etag = (await a.create('tickets/c', 1, 60_000))!;
  expect(await b.replace('tickets/c', 2, 60_000, etag)).toEqual(expect.any(String));
  expect(await a.replace('tickets/c', 3, 60_000, etag)).toBeNull(); // 412
  expect(await a.create('tickets/c', 4, 60_000)).toBeNull(); // 409
  expect(await a.delete('tickets/c', etag)).toBe(false); // 412 on delete
  expect((await a.get('tickets/c'))?.value).toBe(2);
});

test('slow answers: a call longer than the time limit fails with a clear message instead of hanging', async () => {
  const fast = new BlobStateStore({ container: 'slow', connectionString: azurite.connectionString });
  await fast.put('memory/m', 'kept', 60_000);
  const proxy = await slowProxy(3_000);
  try {
    const slow = new BlobStateStore({ container: 'slow', connectionString: proxy.connectionString, timeoutMs: 300 });
    const started = Date.now();
    const error = await slow.get('memory/m').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateUnavailableError);
    expect((error as Error).message).toMatch(/^Azure Blob Storage could not (read|open the container) \(/);
    expect(Date.now() - started).toBeLessThan(2_500);
  } finally {
    await proxy.close();
  }
});
