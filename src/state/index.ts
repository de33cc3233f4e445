/** The state store chosen by STATE_STORE, and the periodic sweep of expired items. */
import path from 'node:path';
import type { StateConfig } from '../config';
import { BlobStateStore, blobCredential } from './blobStore';
import { FileStateStore } from './fileStore';
import type { StateStore } from './types';

export type { StateStore } from './types';
export { MemoryStateStore } from './memoryStore';
export { FileStateStore, BlobStateStore };
export { StoredConversationMemory } from './conversationMemory';
export { StoredRateCounter } from './rateCounter';

export function createStateStore(config: StateConfig): StateStore {
  if (config.store === 'file') return new FileStateStore(path.resolve(config.dir));
  return new BlobStateStore({
    container: config.container,
    connectionString: config.connectionString,
    accountUrl: config.accountUrl,
    credential: config.accountUrl ? blobCredential(config.clientId) : undefined,
    timeoutMs: config.timeoutMs,
  });
}

/**
 * Sweeps expired items every `everyMs` (every instance sweeps; deletes are conditional on the ETag,
 * so two sweepers never delete a freshly rewritten item). Returns the function that stops it.
 */
export function startSweeper(
  store: StateStore,
  logger: { warn(details: object, message: string): void },
  everyMs = 10 * 60_000,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    store
      .sweep()
      .catch((error: unknown) =>
        logger.warn({ err: { message: (error as Error)?.message } }, 'state sweep failed; retried later'),
      )
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
