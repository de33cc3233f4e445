/**
 * A token that cannot be checked is refused with a generic answer — 401, or 503
 * while the key service is down — and the reason goes to the log only. Signing keys are fetched once
 * and shared; a failed fetch is not retried for every request. The key service is a loopback
 * server (test/support/keyService.ts) and the tokens are signed here: no outbound connection.
 */
import { cardToText } from '../../src/cards/text';
import { cardsIn, postActivity, teamsCardAction } from '../../src/tools/activities';
import { APP_ID, startProduction, TENANT, type RunningProduction } from '../support/production';
import { channelClaims, signingKey, signJwt, startKeyService, type KeyService } from '../support/keyService';

const MEGAN = { aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen', tenantId: TENANT };
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const TRUSTED = signingKey('trusted-key');
const FORGER = signingKey('trusted-key');
const click = () => teamsCardAction('noSuchVerb', {}, MEGAN);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const LEAKS =
  /127\.0\.0\.1|ECONNREFUSED|ENOTFOUND|fetch failed|answered 500|botframework\.com|openid|Failed to load|key service is down|jwks/i;

let keys: KeyService;
let running: RunningProduction;
afterEach(async () => {
  await running?.stop();
  await keys?.close();
});

async function start(mode: 'serve' | 'fail'): Promise<void> {
  keys = await startKeyService([TRUSTED]);
  keys.mode = mode;
  running = await startProduction({ botOpenIdMetadataUrl: keys.metadataUrl });
}

describe('the key service is down', () => {
  it('answers 503 with a generic body to 30 requests and fetches the keys once', async () => {
    await start('fail');
    const token = signJwt(channelClaims(APP_ID, SERVICE_URL), TRUSTED);
    const burst = await Promise.all(
      Array.from({ length: 20 }, () => postActivity(running.url, click(), bearer(token))),
    );
    const after: Awaited<ReturnType<typeof postActivity>>[] = [];
    for (let i = 0; i < 10; i++) after.push(await postActivity(running.url, click(), bearer(token)));
    for (const result of [...burst, ...after]) {
      expect(result.status).toBe(503);
      expect(result.body).toEqual({ error: 'The bot cannot check tokens right now; try again later.' });
    }
    expect(keys.fetches).toEqual(['/openid']);
    // The reason is in the log, for the operator.
    expect(running.logLines.join('\n')).toMatch(/answered 500/);
  });

  it('answers 503 when the key service cannot be reached at all, without the network error in the body', async () => {
    await start('serve');
    const closed = keys.metadataUrl;
    await keys.close();
    await running.stop();
    running = await startProduction({ botOpenIdMetadataUrl: closed.replace('/openid', '/openid-unreachable') });
    const result = await postActivity(
      running.url,
      click(),
      bearer(signJwt(channelClaims(APP_ID, SERVICE_URL), TRUSTED)),
    );
    expect(result.status).toBe(503);
    expect(JSON.stringify(result.body)).not.toMatch(LEAKS);
    keys = { ...keys, close: async () => undefined };
  });
});

describe('the key service is up', () => {
  it.each([
    ['signed by another key with the same key id', () => signJwt(channelClaims(APP_ID, SERVICE_URL), FORGER)],
    ['signed with an unknown key id', () => signJwt(channelClaims(APP_ID, SERVICE_URL), FORGER, 'unknown-key')],
    ['for another bot', () => signJwt(channelClaims('11111111-2222-3333-4444-555555555555', SERVICE_URL), TRUSTED)],
    ['for another serviceUrl', () => signJwt(channelClaims(APP_ID, 'https://attacker.example/'), TRUSTED)],
    [
      'from another issuer',
      () => signJwt({ ...channelClaims(APP_ID, SERVICE_URL), iss: 'https://attacker.example' }, TRUSTED),
    ],
    [
      'expired',
      () => signJwt({ ...channelClaims(APP_ID, SERVICE_URL), exp: Math.floor(Date.now() / 1000) - 3600 }, TRUSTED),
    ],
    [
      'an emulator-style issuer signed by another key',
      () =>
        signJwt(
          {
            iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/',
            aud: APP_ID,
            ver: '1.0',
            appid: APP_ID,
          },
          FORGER,
        ),
    ],
    ['not a JWT at all', () => 'x.y.z'],
  ])('answers 401 with a generic body to a token %s; 20 of them cost one key fetch', async (_label, token) => {
    await start('serve');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => postActivity(running.url, click(), bearer(token()))),
    );
    for (const result of results) {
      expect(result.status).toBe(401);
      expect(result.body).toEqual({ error: 'Unauthorized: this endpoint needs a valid Bot Framework token.' });
    }
    expect(keys.fetches.filter((f) => f === '/openid').length).toBeLessThanOrEqual(1);
    expect(keys.fetches.filter((f) => f === '/keys').length).toBeLessThanOrEqual(1);
  });

  it('lets a correctly signed token in (the check is real): the click is answered', async () => {
    await start('serve');
    const token = signJwt(channelClaims(APP_ID, SERVICE_URL), TRUSTED);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => postActivity(running.url, click(), bearer(token))),
    );
    for (const result of results) {
      expect(result.status).toBe(200);
      expect(cardToText(cardsIn(result)[0])).toContain("I didn't understand that");
    }
    expect(keys.fetches).toEqual(['/openid', '/keys']);
  });
});
