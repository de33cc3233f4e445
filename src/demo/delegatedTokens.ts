/**
 * The demo tenant's user tokens: the Teams single sign-on token (what the Teams client obtains
 * silently for the bot's own API) and the delegated Microsoft Graph token the Bot Framework Token
 * Service gets for it on behalf of the user. Both are JWTs in the shape Entra issues (entra-docs
 * docs/identity-platform/access-token-claims-reference.md: `aud`, `iss`, `tid`, `oid`, `upn`, `name`,
 * `scp`, `idtyp`, `wids`, `iat`, `nbf`, `exp`), signed with a key only this tenant holds (HS256),
 * so a token the tenant did not issue, or one that has expired, is refused as Graph refuses it.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DEMO_TENANT_ID } from './settings';

/** The demo bot's Microsoft Entra app id: the audience of its SSO tokens, the `appid` of its Graph tokens. */
export const DEMO_BOT_APP_ID = '00000000-0000-0000-0000-00000000d3e0';

/**
 * The delegated Graph permissions the demo's OAuth connection asks for: the least privileged one each
 * fix's API page names (docs/graph-fidelity.md, "Fixes with the helpdesk person's own token").
 */
export const DEMO_DELEGATED_SCOPES: readonly string[] = [
  'User.Read',
  'User.RevokeSessions.All',
  'UserAuthenticationMethod.ReadWrite.All',
  'User-PasswordProfile.ReadWrite.All',
  'User.EnableDisableAccount.All',
  'AuditLog.Read.All',
  'Policy.Read.ConditionalAccess',
  'DeviceManagementManagedDevices.Read.All',
];

/** Teams' desktop and mobile client: the `azp` of the SSO tokens it obtains (Teams SSO for bots, app registration). */
const TEAMS_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
const LIFETIME_SECONDS = 3600;

export interface TokenSubject {
  oid: string;
  upn: string;
  name: string;
  /** Directory role template ids (the `wids` claim). */
  roles?: readonly string[];
}

export interface UserClaims {
  aud: string;
  iss: string;
  tid: string;
  oid: string;
  upn: string;
  name: string;
  scp: string;
  idtyp?: string;
  appid?: string;
  azp?: string;
  wids?: string[];
  iat: number;
  nbf: number;
  exp: number;
}

/** Why a token was not accepted: the message Graph (or the token service) gives. */
export class TokenRejected extends Error {
  constructor(
    readonly reason: 'malformed' | 'signature' | 'audience' | 'expired',
    message: string,
  ) {
    super(message);
  }
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export class DemoTokenIssuer {
  private readonly key = randomBytes(32);

  constructor(
    private readonly clock: () => number = Date.now,
    readonly tenantId: string = DEMO_TENANT_ID,
  ) {}

  /** The token Teams obtains by SSO for the bot's API (a v2 access token for `api://botid-…`). */
  ssoToken(subject: TokenSubject): string {
    const now = Math.floor(this.clock() / 1000);
    return this.sign({
      aud: DEMO_BOT_APP_ID,
      iss: `https://login.microsoftonline.com/${this.tenantId}/v2.0`,
      tid: this.tenantId,
      oid: subject.oid,
      upn: subject.upn,
      name: subject.name,
      scp: 'access_as_user',
      azp: TEAMS_CLIENT_ID,
      iat: now,
      nbf: now,
      exp: now + LIFETIME_SECONDS,
    });
  }

  /** The delegated Graph token the on-behalf-of exchange yields: the person's identity, the connection's scopes, no `roles`. */
  graphToken(subject: TokenSubject, scopes: readonly string[]): string {
    const now = Math.floor(this.clock() / 1000);
    return this.sign({
      aud: GRAPH_AUDIENCE,
      iss: `https://sts.windows.net/${this.tenantId}/`,
      tid: this.tenantId,
      oid: subject.oid,
      upn: subject.upn,
      name: subject.name,
      scp: scopes.join(' '),
      idtyp: 'user',
      appid: DEMO_BOT_APP_ID,
      wids: [...(subject.roles ?? [])],
      iat: now,
      nbf: now,
      exp: now + LIFETIME_SECONDS,
    });
  }

  /** Checks signature, audience and lifetime; throws TokenRejected with Graph's wording. */
  verify(token: string, audiences: readonly string[]): UserClaims {
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) throw new TokenRejected('malformed', 'IDX14100: JWT is not well formed.');
    const expected = createHmac('sha256', this.key).update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new TokenRejected('signature', 'Access token validation failure. Invalid signature.');
    let claims: UserClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as UserClaims;
    } catch {
      throw new TokenRejected('malformed', 'IDX14100: JWT is not well formed.');
    }
    if (!audiences.includes(claims.aud) || claims.tid !== this.tenantId)
      throw new TokenRejected('audience', 'Access token validation failure. Invalid audience.');
    const now = this.clock() / 1000;
    if (!(claims.exp > now) || claims.nbf > now + 300)
      throw new TokenRejected('expired', 'Lifetime validation failed, the token is expired.');
    return claims;
  }

  private sign(claims: UserClaims): string {
    const unsigned = `${b64({ typ: 'JWT', alg: 'HS256', kid: 'demo-tenant' })}.${b64(claims)}`;
    return `${unsigned}.${createHmac('sha256', this.key).update(unsigned).digest('base64url')}`;
  }
}

/** The audiences an SSO token may carry: the bot's app id (v2 tokens) or its application ID URI. */
export const SSO_AUDIENCES = [DEMO_BOT_APP_ID, `api://botid-${DEMO_BOT_APP_ID}`];
export const GRAPH_AUDIENCES = [GRAPH_AUDIENCE, '00000003-0000-0000-c000-000000000000'];

/** The unverified claims of a JWT, or null: enough to tell a user token from the app's own. */
export function peekClaims(token: string): Record<string, unknown> | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
