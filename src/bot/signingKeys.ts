/**
 * The Bot Framework token signing keys, fetched once and shared.
 *
 * botframework-connector keeps one OpenIdMetadata per metadata URL in JwtTokenExtractor's static
 * cache. That one starts a fresh fetch for every request while it has no keys (so each forged
 * token costs an outbound request when the key service is unreachable) and its failures end as
 * 500s carrying the network error. This store takes its place for every metadata URL:
 * - one fetch at a time per URL, shared by every request that waits for it;
 * - after a failure, no new fetch for a back-off time (doubling, at most 10 minutes): requests in
 *   between get SigningKeysUnavailable at once (the server answers 503);
 * - an unknown key id refreshes the keys at most once per 5 minutes;
 * - keys kept 24 hours; old keys stay in use while a refresh fails.
 *
 * Why a private static: botframework-connector 4.23.3 (final) offers no supported way to supply the
 * keys. JwtTokenExtractor is not exported from the package (hence the deep import), every
 * validation path constructs one itself, and its options (proxy, refresh interval) do not change
 * how a failed fetch is handled; the alternative, a BotFrameworkAuthentication of our own, would
 * re-implement the channel's token checks (issuer, audience, endorsements). So the replacement is
 * kept to this file: `installSigningKeyStores` refuses to start when the cache is not where this
 * version keeps it, package.json pins the exact version, and test/security/tokens.test.ts proves
 * through the real adapter that requests use these stores (one fetch for many forged tokens).
 */
import { createPublicKey } from 'node:crypto';
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor';

export class SigningKeysUnavailable extends Error {
  constructor(readonly detail: string) {
    super('The Bot Framework signing keys could not be loaded.');
  }
}

interface Jwk {
  kid?: string;
  kty?: string;
  n?: string;
  e?: string;
  endorsements?: string[];
}
interface Key {
  key: string;
  endorsements?: string[];
}

export interface SigningKeyStoreOptions {
  fetchTimeoutMs?: number;
  refreshMs?: number;
  unknownKeyRefreshMs?: number;
  firstBackoffMs?: number;
  maxBackoffMs?: number;
  now?: () => number;
}

const MAX_DOCUMENT_BYTES = 512 * 1024;

export class SigningKeyStore {
  private keys = new Map<string, Key>();
  private fetchedAt = 0;
  private inFlight: Promise<void> | null = null;
  private failures = 0;
  private retryAt = 0;
  private lastError = '';
  /** Fetches started (metadata document + key set count as one). */
  fetches = 0;
  private readonly o: Required<SigningKeyStoreOptions>;

  constructor(
    private readonly metadataUrl: string,
    options: SigningKeyStoreOptions = {},
  ) {
    this.o = {
      fetchTimeoutMs: 5000,
      refreshMs: 24 * 3600_000,
      unknownKeyRefreshMs: 5 * 60_000,
      firstBackoffMs: 30_000,
      maxBackoffMs: 10 * 60_000,
      now: Date.now,
      ...options,
    };
  }

  /** The shape botframework-connector's JwtTokenExtractor asks for. */
  async getKey(keyId: string): Promise<Key | null> {
    const now = this.o.now();
    const stale = now - this.fetchedAt > this.o.refreshMs;
    const unknown = !this.keys.has(keyId) && now - this.fetchedAt > this.o.unknownKeyRefreshMs;
    if (stale || unknown) {
      try {
        await this.refresh();
      } catch (error) {
        // Keys we still hold are good enough while the key service is away.
        if (this.keys.size === 0) throw error;
      }
    }
    return this.keys.get(keyId) ?? null;
  }

  private refresh(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.o.now() < this.retryAt)
      return Promise.reject(new SigningKeysUnavailable(`backing off after: ${this.lastError}`));
    this.fetches++;
    this.inFlight = this.load()
      .then((keys) => {
        this.keys = keys;
        this.fetchedAt = this.o.now();
        this.failures = 0;
      })
      .catch((error: unknown) => {
        this.failures++;
        this.lastError = error instanceof Error ? error.message : String(error);
        this.retryAt = this.o.now() + Math.min(this.o.maxBackoffMs, this.o.firstBackoffMs * 2 ** (this.failures - 1));
        throw new SigningKeysUnavailable(this.lastError);
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  private async load(): Promise<Map<string, Key>> {
    const metadata = (await this.getJson(this.metadataUrl)) as { jwks_uri?: unknown };
    if (typeof metadata.jwks_uri !== 'string') throw new Error('the OpenID metadata has no jwks_uri');
    const set = (await this.getJson(metadata.jwks_uri)) as { keys?: unknown };
    if (!Array.isArray(set.keys)) throw new Error('the key set has no keys');
    const keys = new Map<string, Key>();
    for (const jwk of set.keys as Jwk[]) {
      if (!jwk || typeof jwk.kid !== 'string' || jwk.kty !== 'RSA' || !jwk.n || !jwk.e) continue;
      try {
        const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' })
          .export({ type: 'spki', format: 'pem' })
          .toString();
        keys.set(jwk.kid, {
          key,
          endorsements: Array.isArray(jwk.endorsements)
            ? jwk.endorsements.filter((x) => typeof x === 'string')
            : undefined,
        });
      } catch {
        /* a key we cannot read is a key we do not use */
      }
    }
    return keys;
  }

  private async getJson(url: string): Promise<unknown> {
    const response = await fetch(url, { signal: AbortSignal.timeout(this.o.fetchTimeoutMs), redirect: 'error' });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const text = await response.text();
    if (text.length > MAX_DOCUMENT_BYTES) throw new Error(`${url} sent more than ${MAX_DOCUMENT_BYTES} bytes`);
    return JSON.parse(text);
  }
}

/** Per metadata URL, created on first use. */
class SigningKeyStores extends Map<string, SigningKeyStore> {
  constructor(private readonly options: SigningKeyStoreOptions) {
    super();
  }
  get(url: string): SigningKeyStore {
    let store = super.get(url);
    if (!store) {
      store = new SigningKeyStore(url, this.options);
      super.set(url, store);
    }
    return store;
  }
}

let installed: SigningKeyStores | null = null;

/** Puts the shared stores in the place botframework-connector reads keys from; idempotent. */
export function installSigningKeyStores(options: SigningKeyStoreOptions = {}): Map<string, SigningKeyStore> {
  const holder = JwtTokenExtractor as unknown as { openIdMetadataCache?: Map<string, unknown> };
  if (!(holder.openIdMetadataCache instanceof Map)) {
    // A botframework-connector that keeps its keys elsewhere: refuse to run unguarded.
    throw new Error('botframework-connector changed: JwtTokenExtractor.openIdMetadataCache not found.');
  }
  if (!installed) {
    installed = new SigningKeyStores(options);
    holder.openIdMetadataCache = installed;
  }
  return installed;
}
