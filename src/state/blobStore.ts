/**
 * The state store in Azure Blob Storage (STATE_STORE=blob): one block blob per item, named by its
 * key, in one private container. The body is `{ value, expiresAt }`; `expiresat` is also metadata,
 * so that sweeping lists without downloading.
 *
 * create is an upload with If-None-Match: * and replace one with If-Match: <etag>; the service
 * answers 409 or 412 to the loser. Every call has a time limit (STATE_TIMEOUT_MS), after which it
 * fails as StateUnavailableError — as do network errors and 5xx answers.
 */
import { ManagedIdentityCredential, DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { BlobServiceClient, RestError, type ContainerClient, type StoragePipelineOptions } from '@azure/storage-blob';
import { checkKey, checkNamespace, checkTtl, StateUnavailableError, type StateStore, type StoredItem } from './types';
import { DamagedItemError } from './validated';

function parseItem(text: string): { value: unknown; expiresAt: number } | null {
  try {
    const item = JSON.parse(text) as { value?: unknown; expiresAt?: unknown } | null;
    return item && typeof item === 'object' && 'value' in item && typeof item.expiresAt === 'number'
      ? { value: item.value, expiresAt: item.expiresAt }
      : null;
  } catch {
    return null;
  }
}

export interface BlobStateStoreOptions {
  container: string;
  /** Azurite and development: a connection string with the account key. */
  connectionString?: string;
  /** Production: https://<account>.blob.core.windows.net, signed in with Entra ID. */
  accountUrl?: string;
  credential?: TokenCredential;
  /** Time limit of one call to the service, retries included. */
  timeoutMs?: number;
  clock?: () => number;
}

/** Managed identity when a client id is given (App Service), else the usual developer chain (az login, environment). */
export function blobCredential(managedIdentityClientId?: string): TokenCredential {
  return managedIdentityClientId
    ? new ManagedIdentityCredential({ clientId: managedIdentityClientId })
    : new DefaultAzureCredential();
}

export class BlobStateStore implements StateStore {
  readonly kind = 'blob';
  private readonly container: ContainerClient;
  private readonly timeoutMs: number;
  private readonly clock: () => number;
  private ready: Promise<void> | null = null;

  constructor(options: BlobStateStoreOptions) {
    this.timeoutMs = options.timeoutMs ?? 3_000;
    this.clock = options.clock ?? Date.now;
    const pipeline: StoragePipelineOptions = {
      // One quick retry inside the time limit; the caller's own retry (a new click) does the rest.
      retryOptions: { maxTries: 2, tryTimeoutInMs: this.timeoutMs, retryDelayInMs: 100, maxRetryDelayInMs: 500 },
      userAgentOptions: { userAgentPrefix: 'signin-troubleshooter' },
    };
    let service: BlobServiceClient;
    if (options.connectionString) service = BlobServiceClient.fromConnectionString(options.connectionString, pipeline);
    else if (options.accountUrl)
      service = new BlobServiceClient(options.accountUrl, options.credential ?? blobCredential(), pipeline);
    else throw new Error('BlobStateStore needs a connection string or an account URL.');
    this.container = service.getContainerClient(options.container);
  }

  async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    await this.ensureContainer();
    try {
      const answer = await this.container
        .getBlockBlobClient(checkKey(key))
        .download(0, undefined, { abortSignal: this.signal() });
      const parsed = parseItem(await readAll(answer.readableStreamBody));
      // Not an item of this store: reported as damage (the caller quarantines it by its ETag).
      if (!parsed) throw new DamagedItemError(`The blob ${key} is not a stored item.`, key, answer.etag);
      return parsed.expiresAt > this.clock()
        ? { value: parsed.value as T, etag: answer.etag!, expiresAt: parsed.expiresAt }
        : undefined;
    } catch (error) {
      if (error instanceof DamagedItemError) throw error;
      if (status(error) === 404) return undefined;
      throw this.unavailable('read', error);
    }
  }

  async create<T>(key: string, value: T, ttlMs: number): Promise<string | null> {
    const created = await this.upload(key, value, ttlMs, { ifNoneMatch: '*' });
    if (created !== null) return created;
    // Taken — unless what is there has expired, which is then replaced conditionally.
    const existing = await this.getRaw(key);
    if (!existing) return existing === undefined ? this.create(key, value, ttlMs) : null;
    return existing.expiresAt > this.clock() ? null : this.replace(key, value, ttlMs, existing.etag);
  }

  replace<T>(key: string, value: T, ttlMs: number, etag: string): Promise<string | null> {
    return this.upload(key, value, ttlMs, { ifMatch: etag });
  }

  async put<T>(key: string, value: T, ttlMs: number): Promise<string> {
    return (await this.upload(key, value, ttlMs, {}))!;
  }

  async delete(key: string, etag?: string): Promise<boolean> {
    await this.ensureContainer();
    try {
      const answer = await this.container
        .getBlockBlobClient(checkKey(key))
        .deleteIfExists({ conditions: etag ? { ifMatch: etag } : {}, abortSignal: this.signal() });
      return answer.succeeded;
    } catch (error) {
      if (status(error) === 412) return false;
      throw this.unavailable('delete', error);
    }
  }

  async names(namespace: string): Promise<string[]> {
    await this.ensureContainer();
    const prefix = `${checkNamespace(namespace)}/`;
    const now = this.clock();
    const names: string[] = [];
    try {
      for await (const blob of this.container.listBlobsFlat({
        prefix,
        includeMetadata: true,
        abortSignal: this.signal(this.timeoutMs * 10),
      })) {
        const expiresAt = Number(blob.metadata?.expiresat);
        if (!(Number.isFinite(expiresAt) && expiresAt <= now)) names.push(blob.name.slice(prefix.length));
      }
    } catch (error) {
      throw this.unavailable('list', error);
    }
    return names;
  }

  async sweep(now = this.clock()): Promise<number> {
    await this.ensureContainer();
    let removed = 0;
    try {
      for await (const blob of this.container.listBlobsFlat({
        includeMetadata: true,
        abortSignal: this.signal(this.timeoutMs * 10),
      })) {
        const expiresAt = Number(blob.metadata?.expiresat);
        if (Number.isFinite(expiresAt) && expiresAt <= now && (await this.delete(blob.name, blob.properties.etag)))
          removed += 1;
      }
    } catch (error) {
      throw this.unavailable('sweep', error);
    }
    return removed;
  }

  /** The container is made on first use (the Azure templates make it; Azurite starts empty). */
  private ensureContainer(): Promise<void> {
    this.ready ??= this.container.createIfNotExists({ abortSignal: this.signal() }).then(
      () => undefined,
      (error) => {
        this.ready = null;
        // Storage Blob Data Contributor may create containers; a 403 here means the role is missing.
        throw this.unavailable('open the container', error);
      },
    );
    return this.ready;
  }

  private async upload(
    key: string,
    value: unknown,
    ttlMs: number,
    conditions: { ifNoneMatch?: string; ifMatch?: string },
  ): Promise<string | null> {
    await this.ensureContainer();
    const expiresAt = this.clock() + checkTtl(ttlMs);
    const body = JSON.stringify({ value, expiresAt });
    try {
      const answer = await this.container.getBlockBlobClient(checkKey(key)).upload(body, Buffer.byteLength(body), {
        conditions,
        metadata: { expiresat: String(expiresAt) },
        blobHTTPHeaders: { blobContentType: 'application/json' },
        abortSignal: this.signal(),
      });
      return answer.etag!;
    } catch (error) {
      const code = status(error);
      if ((code === 409 || code === 412) && (conditions.ifNoneMatch || conditions.ifMatch)) return null;
      if (code === 404 && conditions.ifMatch) return null;
      throw this.unavailable('write', error);
    }
  }

  /** Item with its expiry even when expired; undefined when absent, null when unreadable as an item. */
  private async getRaw(key: string): Promise<{ etag: string; expiresAt: number } | undefined | null> {
    try {
      const properties = await this.container
        .getBlockBlobClient(checkKey(key))
        .getProperties({ abortSignal: this.signal() });
      const expiresAt = Number(properties.metadata?.expiresat);
      return Number.isFinite(expiresAt) && properties.etag ? { etag: properties.etag, expiresAt } : null;
    } catch (error) {
      if (status(error) === 404) return undefined;
      throw this.unavailable('read', error);
    }
  }

  private signal(ms = this.timeoutMs): AbortSignal {
    return AbortSignal.timeout(ms);
  }

  private unavailable(operation: string, error: unknown): Error {
    // A bad key or time to live is the caller's mistake, not the store's.
    if (error instanceof StateUnavailableError || error instanceof RangeError) return error;
    const code = status(error);
    const what = code
      ? `HTTP ${code}${(error as RestError).code ? ` ${(error as RestError).code}` : ''}`
      : (error as Error)?.name === 'AbortError'
        ? `no answer within ${this.timeoutMs} ms`
        : ((error as Error)?.message ?? String(error));
    return new StateUnavailableError(`Azure Blob Storage could not ${operation} (${what}).`, error);
  }
}

function status(error: unknown): number | undefined {
  return error instanceof RestError || (typeof error === 'object' && error !== null && 'statusCode' in error)
    ? (error as RestError).statusCode
    : undefined;
}

async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!stream) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
