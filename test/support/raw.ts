/** A raw HTTP request (node:http): exact bytes, headers and path, as a hostile client would send them. */
import http from 'node:http';

export interface RawResponse {
  status: number;
  body: string;
}

export function rawRequest(
  baseUrl: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const body = typeof options.body === 'string' ? Buffer.from(options.body) : (options.body ?? Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'POST',
        path: options.path,
        headers: { 'content-length': String(body.length), ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.setTimeout(10_000, () =>
      req.destroy(new Error(`no answer to ${options.method ?? 'POST'} ${options.path} within 10 s`)),
    );
    req.on('error', reject);
    req.end(body);
  });
}
