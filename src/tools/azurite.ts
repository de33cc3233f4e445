/**
 * A real Azurite blob endpoint for tests and the benchmark: `azurite-blob` from node_modules (a dev
 * dependency) on 127.0.0.1, a free port and a temp directory; stoppable and restartable on the same
 * port and data (fault tests).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The repository root, found upwards from here (runs from src/tools/ and from dist/src/tools/). */
function azuriteBin(): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const bin = path.join(dir, 'node_modules/.bin/azurite-blob');
    if (existsSync(bin)) return bin;
  }
  throw new Error('node_modules/.bin/azurite-blob not found: run npm ci (azurite is a dev dependency)');
}
/** Azurite's published development account key (not a secret). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  port: number;
  location: string;
  connectionString: string;
  stop(): Promise<void>;
  /** Starts again on the same port and directory (after stop). */
  start(): Promise<void>;
  /** stop, and remove the directory. */
  dispose(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startAzurite(): Promise<Azurite> {
  const location = await mkdtemp(path.join(tmpdir(), 'azurite-'));
  const port = await freePort();
  let child: ChildProcess | null = null;

  const start = async () => {
    child = spawn(
      azuriteBin(),
      [
        '--blobHost',
        '127.0.0.1',
        '--blobPort',
        String(port),
        '--location',
        location,
        '--silent',
        '--skipApiVersionCheck',
      ],
      { stdio: 'ignore' },
    );
    const started = Date.now();
    while (!(await reachable(port))) {
      if (child.exitCode !== null) throw new Error(`azurite-blob exited with ${child.exitCode}`);
      if (Date.now() - started > 20_000) throw new Error('azurite-blob did not start within 20 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((r) => running.once('exit', r));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  };
  await start();
  return {
    port,
    location,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`,
    start,
    stop,
    dispose: async () => {
      await stop();
      await rm(location, { recursive: true, force: true });
    },
  };
}
