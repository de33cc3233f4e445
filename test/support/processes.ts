/**
 * Real bot processes for multi-instance tests: the TypeScript built once into a private folder under
 * build/ (so that parallel suites and a stale dist/ do not interfere), bots started from it with
 * their own environment, and a round-robin HTTP proxy in front of them.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { freePort } from '../../src/tools/azurite';

const ROOT = path.resolve(__dirname, '../..');

/** Compiles src/ to build/<name>-<pid>/ and returns that folder. */
export function buildOnce(name: string): string {
  const out = path.join(ROOT, 'build', `${name}-${process.pid}`);
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', out],
    { cwd: ROOT, stdio: 'inherit' },
  );
  return out;
}

export interface BotProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output: string[];
  /** SIGTERM and wait (a clean stop), or SIGKILL for a crash. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts dist's src/index.js with exactly `env` (plus PATH) and waits for /healthz. */
export async function startBot(dist: string, env: Record<string, string>): Promise<BotProcess> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', path.join(dist, 'src/index.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bot exited with ${child.exitCode}: ${output.join('')}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() - started > 30_000) throw new Error(`bot did not start within 30 s: ${output.join('')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    child,
    output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
  };
}

export interface RoundRobin {
  url: string;
  /** Which backend (index) served each request, in order. */
  served: number[];
  close(): Promise<void>;
}

/** An HTTP proxy that sends each request to the next of `backends()` in turn (no affinity, like the Bot Connector). */
export async function startRoundRobin(backends: () => string[]): Promise<RoundRobin> {
  let next = 0;
  const served: number[] = [];
  const server = http.createServer((req, res) => {
    const targets = backends();
    const index = next++ % targets.length;
    served.push(index);
    const target = new URL(req.url ?? '/', targets[index]);
    const upstream = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
