/**
 * Stand-ins for what sits between Teams and Graph when a bot acts with the user's own rights:
 *
 * - `POST /_demo/sso/token` `{ "oid": "…" }` → `{ "token": "…" }`: the SSO token the Teams client
 *   obtains silently for the bot's API (manifest `webApplicationInfo`), for a demo person. Unknown or
 *   disabled person: 400.
 * - The Bot Framework Token Service of an Azure Bot OAuth connection with token exchange, as
 *   botframework-connector's UserTokenClient calls it (lib/tokenApi/operations/userToken.js):
 *   `POST /api/usertoken/exchange?userId&connectionName&channelId` with `{ token }` → 200
 *   TokenResponse `{ channelId, connectionName, token, expiration }` holding a delegated Graph token
 *   (the on-behalf-of exchange); a token that is not a valid SSO token for the bot → 400 with the
 *   service's ErrorResponse `{ error: { code, message } }` (the operation spec's 400 answer; the
 *   connector returns it as the result, without `token`, and botbuilder's
 *   TeamsSSOTokenExchangeMiddleware answers such a result with 412 PreconditionFailed).
 *   `GET /api/usertoken/GetToken` → the stored TokenResponse, or 404 when there is none;
 *   `DELETE /api/usertoken/SignOut` forgets it.
 *   The exchange and the SSO sign-in: Microsoft Learn "Enable SSO for your bot and message extension
 *   app" (msteams-docs, bots/how-to/authentication/bot-sso-code.md) and "Add code to enable SSO for
 *   Adaptive Cards Universal Actions" (sso-adaptive-cards-universal-action.md).
 *
 * Demo mode runs without a bot app id, so the service does not ask for the bot's own token.
 */
import { DEMO_DELEGATED_SCOPES, SSO_AUDIENCES, TokenRejected, type DemoTokenIssuer } from './delegatedTokens';
import type { GraphRequest, GraphResponse } from './graphProtocol';
import type { DemoDirectory } from './directory';
import type { DemoPerson } from './people';

interface StoredToken {
  channelId: string;
  connectionName: string;
  token: string;
  expiration: string;
}

export interface TokenServiceCounters {
  ssoTokensIssued: number;
  tokenExchanges: number;
  tokenExchangesRefused: number;
}

export class DemoTokenService {
  private readonly stored = new Map<string, StoredToken>();
  readonly counters: TokenServiceCounters = { ssoTokensIssued: 0, tokenExchanges: 0, tokenExchangesRefused: 0 };

  constructor(
    private readonly issuer: DemoTokenIssuer,
    private readonly directory: DemoDirectory,
    private readonly clock: () => number,
    /** The OAuth connection's scopes: what the exchanged Graph token carries in `scp`. */
    private readonly scopes: readonly string[] = DEMO_DELEGATED_SCOPES,
  ) {}

  /** Whether this path is the token service's (any host: the in-process demo and the HTTPS server alike). */
  static serves(pathname: string): boolean {
    return pathname === '/_demo/sso/token' || /^\/api\/usertoken\//i.test(pathname);
  }

  handle(request: GraphRequest): GraphResponse {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const path = url.pathname.toLowerCase();
    if (path === '/_demo/sso/token' && method === 'POST') return this.ssoToken(request);
    const q = (name: string) => url.searchParams.get(name) ?? '';
    const userId = q('userId');
    const connectionName = q('connectionName');
    const channelId = q('channelId');
    if (!userId || !connectionName || (path !== '/api/usertoken/signout' && !channelId))
      return error(400, 'BadArgument', 'userId, connectionName and channelId are required.');
    const key = `${userId}\n${connectionName}\n${channelId}`;
    if (path === '/api/usertoken/exchange' && method === 'POST')
      return this.exchange(request, key, connectionName, channelId);
    if (path === '/api/usertoken/gettoken' && method === 'GET') {
      const found = this.stored.get(key);
      if (!found || Date.parse(found.expiration) <= this.clock()) return { status: 404, headers: {}, body: '' };
      return json(200, found);
    }
    if (path === '/api/usertoken/signout' && method === 'DELETE') {
      for (const k of [...this.stored.keys()])
        if (k.startsWith(`${userId}\n${connectionName}\n`)) this.stored.delete(k);
      return json(200, {});
    }
    return error(404, 'NotFound', `No such operation: ${method} ${url.pathname}`);
  }

  private ssoToken(request: GraphRequest): GraphResponse {
    let oid: unknown;
    try {
      oid = (JSON.parse(request.body ?? '') as { oid?: unknown }).oid;
    } catch {
      return error(400, 'BadArgument', 'The body must be JSON: {"oid": "<object id>"}.');
    }
    const person = typeof oid === 'string' ? this.person(oid) : null;
    if (!person) return error(400, 'BadArgument', 'No such person in the demo tenant.');
    if (!this.directory.isEnabled(person))
      return error(400, 'UserDisabled', 'AADSTS50057: The user account is disabled.');
    this.counters.ssoTokensIssued += 1;
    return json(200, { token: this.issuer.ssoToken(this.subject(person)) });
  }

  private exchange(request: GraphRequest, key: string, connectionName: string, channelId: string): GraphResponse {
    let body: { token?: unknown; uri?: unknown };
    try {
      body = JSON.parse(request.body ?? '') as { token?: unknown; uri?: unknown };
    } catch {
      body = {};
    }
    const refuse = (message: string) => {
      this.counters.tokenExchangesRefused += 1;
      return error(400, 'ServiceError', message);
    };
    if (typeof body.token !== 'string' || body.token === '') return refuse('A token to exchange is required.');
    let oid: string;
    try {
      oid = this.issuer.verify(body.token, SSO_AUDIENCES).oid;
    } catch (e) {
      if (e instanceof TokenRejected) return refuse(`Unable to exchange token: ${e.message}`);
      throw e;
    }
    const person = this.person(oid);
    if (!person || !this.directory.isEnabled(person))
      return refuse('Unable to exchange token: AADSTS50057: The user account is disabled.');
    const token = this.issuer.graphToken(this.subject(person), this.scopes);
    const stored: StoredToken = {
      channelId,
      connectionName,
      token,
      expiration: new Date(this.clock() + 3600_000).toISOString(),
    };
    this.stored.set(key, stored);
    this.counters.tokenExchanges += 1;
    return json(200, stored);
  }

  private person(oid: string): DemoPerson | null {
    const lower = oid.toLowerCase();
    return this.directory.people.find((p) => p.id.toLowerCase() === lower) ?? null;
  }

  private subject(person: DemoPerson) {
    return {
      oid: person.id,
      upn: person.userPrincipalName,
      name: person.displayName,
      roles: [...this.directory.rolesOf(person)],
    };
  }
}

function json(status: number, value: unknown): GraphResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) };
}

/** The Token Service's ErrorResponse (botframework-connector tokenApi/models/mappers.js: ErrorResponse › ErrorModel). */
function error(status: number, code: string, message: string): GraphResponse {
  return json(status, { error: { code, message } });
}
