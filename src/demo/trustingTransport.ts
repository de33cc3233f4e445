/**
 * TLS for the Graph test server: a self-signed certificate made once per process, and the Graph
 * client's HTTP link made to trust it. Uses the devDependencies `selfsigned` and `undici`.
 */
import { rootCertificates } from 'node:tls';
import { HTTPMessageHandler, type Context } from '@microsoft/microsoft-graph-client';
import { Agent, type Dispatcher } from 'undici';

export interface TestCertificate {
  key: string;
  cert: string;
}

let certificatePromise: Promise<TestCertificate> | null = null;

/** A self-signed certificate for 127.0.0.1 and localhost, made once per process (EC P-256, 1 day). */
export function testCertificate(): Promise<TestCertificate> {
  certificatePromise ??= (async () => {
    const selfsigned = await import('selfsigned');
    const notBeforeDate = new Date(Date.now() - 60_000);
    const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate: new Date(notBeforeDate.getTime() + 86_400_000),
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 7, ip: '127.0.0.1' },
            { type: 2, value: 'localhost' },
          ],
        },
      ],
    });
    return { key: pems.private, cert: pems.cert };
  })();
  return certificatePromise;
}

/**
 * The Graph client's own HTTP link (HTTPMessageHandler: `fetch(request, options)`), made to trust
 * the test certificate — besides the usual public roots — by handing fetch an undici dispatcher for
 * each request. A per-request dispatcher, not undici's global one, because jest runs tests in a
 * separate realm whose globals Node's fetch does not read.
 */
export class TrustingHttpMessageHandler extends HTTPMessageHandler {
  private readonly agent: Dispatcher;

  constructor(ca: string) {
    super();
    this.agent = new Agent({ connect: { ca: [...rootCertificates, ca] }, keepAliveTimeout: 4_000 });
  }

  /** When each request left the client (after the limiter and retry handler), oldest first; capped. */
  readonly sent: { path: string; at: number }[] = [];
  /** Answers received: status, body size (Content-Length) and time to the headers, oldest first; capped. */
  readonly received: { path: string; status: number; bytes: number; ms: number }[] = [];

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const path = new URL(url).pathname.replace(/^\/(v1\.0|beta)/, '');
    const at = Date.now();
    const started = performance.now();
    this.sent.push({ path, at });
    if (this.sent.length > 100_000) this.sent.splice(0, this.sent.length - 50_000);
    context.options = { ...(context.options ?? {}), dispatcher: this.agent } as typeof context.options;
    await super.execute(context);
    const length = Number(context.response?.headers.get('content-length'));
    this.received.push({
      path,
      status: context.response?.status ?? 0,
      bytes: Number.isFinite(length) ? length : 0,
      ms: performance.now() - started,
    });
    if (this.received.length > 100_000) this.received.splice(0, this.received.length - 50_000);
  }

  /** Closes the pooled connections. */
  async close(): Promise<void> {
    await this.agent.destroy().catch(() => {});
  }
}
