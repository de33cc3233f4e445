/**
 * A Microsoft Graph look-alike on the network: an HTTPS server on 127.0.0.1 (ephemeral port) that
 * serves a DemoTenant — the same data, filters and paging, through `tenant.handle` — with a
 * self-signed certificate made when it starts, and fault injection per request: 429 or 503 with
 * `Retry-After`, 500, 403 with a Graph error code, slow answers, malformed JSON and dropped
 * connections.
 *
 * The real Graph client reaches it over HTTPS with `endpoint: server.url` and
 * `customHosts: ['127.0.0.1']`, so the authentication handler sends its token and
 * `@odata.nextLink` paging works as against Graph. Its `transport()` is the Graph client's own
 * HTTPMessageHandler made to trust the certificate; a child process can instead be given
 * `NODE_EXTRA_CA_CERTS` pointing at a file holding `server.ca`.
 *
 * For tests and the benchmark only: it uses the devDependencies `selfsigned` and `undici`.
 */
import { randomUUID } from 'node:crypto';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { compilePlan, type Fault, type FaultPlan } from './faults';
import { DemoTenant, type GraphRequest } from './tenant';
import { testCertificate, TrustingHttpMessageHandler, type TestCertificate } from './trustingTransport';
import { countReadsByClient } from './readsByClient';

export { FAULTS, type Fault, type FaultPlan } from './faults';
export { TrustingHttpMessageHandler, type TestCertificate } from './trustingTransport';

export interface ServedRequest {
  seq: number;
  method: string;
  path: string;
  filter: string | null;
  status: number | 'dropped';
  fault: Fault['type'] | null;
  /** Response body bytes written. */
  bytes: number;
  at: number;
  /** True when the client had gone before the answer was written (e.g. its timeout). */
  abandoned: boolean;
}

export interface GraphTestServerOptions {
  tenant?: DemoTenant;
  faults?: FaultPlan | null;
  /** Reuse a certificate (key and cert PEM) instead of making one. */
  certificate?: TestCertificate;
  /** Listen on this port (default: an ephemeral one). */
  port?: number;
}

export interface DemoStats {
  requests: number;
  /** Requests for the sign-in log (list or by id) that reached the server. */
  auditLogReads: number;
  /** Answers with status 429. */
  throttled: number;
  mailsSent: number;
  [counter: string]: number;
}

export interface GraphTestServer {
  /** https://127.0.0.1:PORT — the Graph endpoint to configure. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The certificate (PEM) to trust. */
  readonly ca: string;
  readonly tenant: DemoTenant;
  /** Every request received, faults included, oldest first. */
  readonly log: ServedRequest[];
  /** Requests for the sign-in log (list or by id) that reached the server. */
  signInRequests(): ServedRequest[];
  /** What GET /_demo/stats answers (without its `actions` list): reads of the sign-in log, 429s given, mails sent, … */
  stats(): DemoStats;
  setFaults(plan: FaultPlan | null): void;
  /**
   * A new Graph client transport (last middleware) that reaches this server over HTTPS and trusts
   * its certificate; closed with the server.
   */
  transport(): TrustingHttpMessageHandler;
  close(): Promise<void>;
}

export async function startGraphTestServer(options: GraphTestServerOptions = {}): Promise<GraphTestServer> {
  const certificate = options.certificate ?? (await testCertificate());
  const tenant = countReadsByClient(options.tenant ?? new DemoTenant());
  const log: ServedRequest[] = [];
  const sockets = new Set<Socket>();
  let decide = compilePlan(options.faults ?? null);
  let seq = 0;
  const transports: TrustingHttpMessageHandler[] = [];

  const server = https.createServer(
    { key: certificate.key, cert: certificate.cert, keepAliveTimeout: 5_000 },
    (req, res) => {
      seq += 1;
      const mySeq = seq;
      readBody(req).then(
        (body) => serve(req, res, body, mySeq),
        () => req.socket.destroy(),
      );
    },
  );
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that goes away mid-handshake is not the server's problem.
  server.on('tlsClientError', () => {});

  function serve(req: IncomingMessage, res: ServerResponse, body: string, mySeq: number): void {
    const url = new URL(req.url ?? '/', `https://${req.headers.host ?? '127.0.0.1'}`);
    if (url.pathname === '/_demo/stats') {
      // The fixes done with delegated tokens ride along: {action, target, caller, at} (issue 21).
      const json = JSON.stringify({ ...stats(), actions: tenant.delegated.actions });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)) });
      res.end(json);
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const path = decodeURIComponent(url.pathname.replace(/^\/(v1\.0|beta)/, '')).replace(/\/+$/, '');
    const entry: ServedRequest = {
      seq: mySeq,
      method,
      path,
      filter: url.searchParams.get('$filter'),
      status: 200,
      fault: null,
      bytes: 0,
      at: Date.now(),
      abandoned: false,
    };
    log.push(entry);
    const fault = decide({ method, path, url, seq: mySeq }) ?? null;
    entry.fault = fault?.type ?? null;

    const answerNormally = () => {
      const answer = tenant.handle({
        method,
        url: url.toString(),
        headers: flatHeaders(req),
        body: body || undefined,
      } satisfies GraphRequest);
      if (!answer.delayMs) return write(res, entry, answer.status, answer.headers, answer.body);
      // The tenant's answer time (DEMO_GRAPH_LATENCY=on): the answer leaves that much later.
      const timer = setTimeout(() => write(res, entry, answer.status, answer.headers, answer.body), answer.delayMs);
      res.on('close', () => clearTimeout(timer));
    };

    if (!fault) return answerNormally();
    switch (fault.type) {
      case 'drop':
        entry.status = 'dropped';
        req.socket.destroy();
        return;
      case 'slow': {
        const answer = fault.handledFirst
          ? tenant.handle({ method, url: url.toString(), headers: flatHeaders(req), body: body || undefined })
          : null;
        const timer = setTimeout(
          () => (answer ? write(res, entry, answer.status, answer.headers, answer.body) : answerNormally()),
          fault.delayMs,
        );
        res.on('close', () => {
          clearTimeout(timer);
          if (!res.writableEnded) entry.abandoned = true;
        });
        return;
      }
      case 'malformed': {
        const answer = tenant.handle({
          method,
          url: url.toString(),
          headers: flatHeaders(req),
          body: body || undefined,
        });
        const cut = answer.body.slice(0, Math.max(1, Math.floor(answer.body.length / 2)));
        write(
          res,
          entry,
          200,
          { ...answer.headers, 'content-type': 'application/json; odata.metadata=minimal' },
          cut || '{"value": [',
        );
        return;
      }
      case 'status': {
        const requestId = randomUUID();
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          'request-id': requestId,
          'client-request-id': requestId,
        };
        if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
        const error = {
          error: {
            code: fault.code ?? `Status${fault.status}`,
            message: fault.message ?? `Injected ${fault.status}.`,
            innerError: { date: new Date().toISOString(), 'request-id': requestId, 'client-request-id': requestId },
          },
        };
        write(res, entry, fault.status, headers, JSON.stringify(error));
        return;
      }
    }
  }

  function stats(): DemoStats {
    const reads = log.filter((r) => r.path.startsWith('/auditLogs/signIns'));
    // Counters the tenant keeps itself (its own Graph limit, when it has one) come along as they are.
    const own = (tenant as unknown as { stats?: () => Record<string, number> }).stats?.() ?? {};
    return {
      requests: log.length,
      auditLogReads: reads.length,
      throttled: log.filter((r) => r.status === 429).length,
      mailsSent: tenant.sentMail.length,
      ...tenant.tokenService.counters,
      ...tenant.delegated.counters(),
      ...own,
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `https://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    ca: certificate.cert,
    tenant,
    log,
    signInRequests: () => log.filter((r) => r.path.startsWith('/auditLogs/signIns')),
    stats,
    setFaults: (plan) => {
      decide = compilePlan(plan);
    },
    transport: () => {
      const handler = new TrustingHttpMessageHandler(certificate.cert);
      transports.push(handler);
      return handler;
    },
    close: async () => {
      await Promise.all(transports.map((t) => t.close()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

function write(
  res: ServerResponse,
  entry: ServedRequest,
  status: number,
  headers: Record<string, string>,
  body: string,
): void {
  entry.status = status;
  if (res.destroyed || res.writableEnded) {
    entry.abandoned = true;
    return;
  }
  const empty = status === 202 || status === 204;
  const bytes = empty ? 0 : Buffer.byteLength(body);
  entry.bytes = bytes;
  res.writeHead(status, { ...headers, ...(empty ? {} : { 'content-length': String(bytes) }) });
  res.end(empty ? undefined : body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1_000_000) reject(new Error('Request body too large.'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
