/**
 * A loopback stand-in for the Bot Framework's OpenID metadata and signing keys, counting what is
 * fetched, plus a JWT signer (node:crypto, RS256): token tests make no outbound connection.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface KeyService {
  /** The OpenID metadata document's URL. */
  metadataUrl: string;
  /** Requests received, by path. */
  fetches: string[];
  /** 'serve' the keys, or 'fail' every request with 500. */
  mode: 'serve' | 'fail';
  close(): Promise<void>;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: Record<string, unknown>;
}

export function signingKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig' } };
}

export async function startKeyService(keys: SigningKey[]): Promise<KeyService> {
  const service = { fetches: [] as string[], mode: 'serve' as 'serve' | 'fail' };
  const server = http.createServer((req, res) => {
    service.fetches.push(req.url ?? '');
    if (service.mode === 'fail') {
      res.writeHead(500);
      res.end('key service is down');
      return;
    }
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body =
      req.url === '/openid'
        ? { issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` }
        : req.url === '/keys'
          ? { keys: keys.map((k) => k.publicJwk) }
          : null;
    if (!body) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(service, {
    metadataUrl: `http://127.0.0.1:${port}/openid`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact RS256 JWT. */
export function signJwt(claims: Record<string, unknown>, key: SigningKey, kid = key.kid): string {
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64url({ alg: 'RS256', typ: 'JWT', kid })}.${b64url({ nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims })}`;
  return `${head}.${sign('sha256', Buffer.from(head), key.privateKey).toString('base64url')}`;
}

/** Claims of a token the Bot Connector sends a bot (channel → bot). */
export function channelClaims(appId: string, serviceUrl: string): Record<string, unknown> {
  return { iss: 'https://api.botframework.com', aud: appId, serviceurl: serviceUrl };
}
