/**
 * The shared signing-key store on its own (a loopback key service, a fake clock): one fetch for
 * many callers, a back-off after a failure that doubles, unknown key ids refreshing at most every
 * 5 minutes, and old keys kept while a refresh fails.
 */
import { SigningKeyStore, SigningKeysUnavailable } from '../../src/bot/signingKeys';
import { signingKey, startKeyService, type KeyService } from '../support/keyService';

let keys: KeyService;
let now = 1_000_000;
beforeEach(async () => {
  keys = await startKeyService([signingKey('a')]);
  now = 1_000_000;
});
afterEach(() => keys.close());
const store = () =>
  new SigningKeyStore(keys.metadataUrl, { now: () => now, firstBackoffMs: 30_000, maxBackoffMs: 120_000 });
const metadataFetches = () => keys.fetches.filter((f) => f === '/openid').length;

test('50 callers at once share one fetch and get the key as PEM', async () => {
  const s = store();
  const found = await Promise.all(Array.from({ length: 50 }, () => s.getKey('a')));
  expect(found.every((k) => k?.key.startsWith('-----BEGIN PUBLIC KEY-----'))).toBe(true);
  expect(keys.fetches).toEqual(['/openid', '/keys']);
});

test('after a failure: no fetch during the back-off, which doubles, then a fetch again', async () => {
  keys.mode = 'fail';
  const s = store();
  await expect(s.getKey('a')).rejects.toBeInstanceOf(SigningKeysUnavailable);
  await expect(s.getKey('a')).rejects.toBeInstanceOf(SigningKeysUnavailable);
  expect(metadataFetches()).toBe(1);
  now += 30_000;
  await expect(s.getKey('a')).rejects.toBeInstanceOf(SigningKeysUnavailable);
  expect(metadataFetches()).toBe(2);
  now += 30_000; // the second back-off is 60 s
  await expect(s.getKey('a')).rejects.toBeInstanceOf(SigningKeysUnavailable);
  expect(metadataFetches()).toBe(2);
  now += 30_000;
  keys.mode = 'serve';
  expect(await s.getKey('a')).not.toBeNull();
  expect(metadataFetches()).toBe(3);
});

test('an unknown key id refreshes at most every 5 minutes; known keys survive a failed refresh', async () => {
  const s = store();
  expect(await s.getKey('a')).not.toBeNull();
  expect(await s.getKey('nope')).toBeNull();
  expect(await s.getKey('nope')).toBeNull();
  expect(metadataFetches()).toBe(1);
  now += 5 * 60_000 + 1;
  keys.mode = 'fail';
  expect(await s.getKey('nope')).toBeNull();
  expect(metadataFetches()).toBe(2);
  // The key service is down, but the key already known still checks tokens.
  expect(await s.getKey('a')).not.toBeNull();
});
