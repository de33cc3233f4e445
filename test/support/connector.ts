/**
 * Stands in for the Teams connector (an activity's serviceUrl): records every activity the bot
 * posts (POST) or updates (PUT) proactively and answers with an activity id.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  path: string;
  body: { type?: string; id?: string; attachments?: { content: Record<string, unknown> }[] };
  /** Date.now() when it arrived. */
  at: number;
  /** The activity id answered. */
  id: string;
}

export interface LoopbackConnector {
  url: string;
  calls: ConnectorCall[];
  /** Waits until `count` calls match (default 1); returns them. */
  waitFor(match: (call: ConnectorCall) => boolean, count?: number, timeoutMs?: number): Promise<ConnectorCall[]>;
  close(): Promise<void>;
}

export async function startConnector(): Promise<LoopbackConnector> {
  const calls: ConnectorCall[] = [];
  let posted = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const path = decodeURIComponent(req.url ?? '');
      const id = req.method === 'PUT' ? (path.split('/').pop() ?? '') : `posted-${++posted}`;
      const call: ConnectorCall = {
        method: req.method ?? '',
        path,
        body: JSON.parse(raw || '{}') as ConnectorCall['body'],
        at: Date.now(),
        id,
      };
      calls.push(call);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    calls,
    async waitFor(match, count = 1, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = calls.filter(match);
        if (found.length >= count) return found;
        if (Date.now() > deadline)
          throw new Error(
            `waited ${timeoutMs} ms for ${count} connector call(s); got ${found.length} of ${calls.length}: ${calls.map((c) => `${c.method} ${c.path}`).join(', ')}`,
          );
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
