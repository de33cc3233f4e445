/**
 * The Graph calls behind the bot's one-click fixes, served with the caller's own token: the helpdesk
 * person's delegated token decides through its `scp` and their directory roles (roleRules.ts); the
 * bot's own app-only token through the tenant's application grant — and every call is recorded with
 * the kind of token that made it, so tests can prove no fix ran on the bot's permissions.
 *
 *   POST  /users/{id}/revokeSignInSessions                      200 { value: true } (the known issue's code)
 *   POST  /users/{id}/authentication/temporaryAccessPassMethods 201, the pass once (authMethods.ts)
 *   GET   /users/{id}/authentication/methods                    the TAP without its secret
 *   PATCH /users/{id}  passwordProfile / accountEnabled          204
 *   GET   /auditLogs/directoryAudits                            directoryAudits.ts
 *   POST  /identity/conditionalAccess/evaluate                  whatIf.ts
 *   GET   /users/{id}/managedDevices                            managedDevices.ts
 *
 * Effects (effects.ts): revoked sessions make the person's next token refreshes fail with 50173; an
 * enabled account signs in again; each change is in the directory audit log, initiated by the caller.
 */
import type { DemoDirectory } from './directory';
import { GRAPH_AUDIENCES, TokenRejected, peekClaims, type DemoTokenIssuer } from './delegatedTokens';
import { GraphHttpError, parseBody, rejectUnsupported, type GraphRequest } from './graphProtocol';
import type { GrantedPermissions } from './permissions';
import type { DemoPerson } from './people';
import { CALL_RULES, roleAllows, targetKinds, type FixCall } from './roleRules';
import type { AuthMethods } from './authMethods';
import type { DirectoryAuditLog } from './directoryAudits';
import type { ConditionalAccess } from './whatIf';
import { managedDevicesOf } from './managedDevices';
import type { FixEffects } from './effects';
import { patchUser } from './userPatch';

/** The fixes GET /_demo/stats lists (the issue's `data.fix` values). */
export type FixAction =
  'revokeSessions' | 'temporaryAccessPass' | 'requirePasswordChange' | 'enableAccount' | 'whatIf' | 'devices';
const ACTIONS: ReadonlySet<string> = new Set<FixAction>([
  'revokeSessions',
  'temporaryAccessPass',
  'requirePasswordChange',
  'enableAccount',
  'whatIf',
  'devices',
]);

/** A fix done with a delegated token: object ids of the target and the caller, ISO time. */
export interface DemoAction {
  action: FixAction;
  target: string;
  caller: string;
  at: string;
}

/** Every call to these endpoints, allowed or not, with the kind of token it came with. */
export interface FixAttempt {
  call: FixCall;
  token: 'delegated' | 'app';
  /** The person's object id, or `app:<appid>` for the bot's own token. */
  caller: string;
  target: string | null;
  status: number;
  at: string;
}

export type Caller = { kind: 'app'; appId: string } | { kind: 'user'; person: DemoPerson; scopes: ReadonlySet<string> };

export interface FixDeps {
  directory: DemoDirectory;
  issuer: DemoTokenIssuer;
  grant: () => GrantedPermissions;
  clock: () => number;
  audits: DirectoryAuditLog;
  methods: AuthMethods;
  conditionalAccess: ConditionalAccess;
  effects: FixEffects;
}

type Result = { status: number; body?: unknown };

export class DelegatedGraph {
  readonly actions: DemoAction[] = [];
  readonly attempts: FixAttempt[] = [];

  constructor(private readonly deps: FixDeps) {}

  /** Fix endpoints answered for a delegated token, and (the goal: 0) for the bot's own app-only token. */
  counters(): { delegatedFixCalls: number; appOnlyFixCalls: number } {
    const answered = (token: FixAttempt['token']) =>
      this.attempts.filter((a) => a.token === token && a.status < 300).length;
    return { delegatedFixCalls: answered('delegated'), appOnlyFixCalls: answered('app') };
  }

  /** Which fix endpoint a request is, or null. */
  static callOf(method: string, segments: string[], body: string | undefined): FixCall | null {
    const [root, id, sub, leaf] = segments;
    if (root === 'users' && id) {
      if (method === 'POST' && sub === 'revokeSignInSessions' && !leaf) return 'revokeSessions';
      if (
        method === 'POST' &&
        sub === 'authentication' &&
        leaf === 'temporaryAccessPassMethods' &&
        segments.length === 4
      )
        return 'temporaryAccessPass';
      if (method === 'GET' && sub === 'authentication' && leaf === 'methods' && segments.length === 4)
        return 'listMethods';
      if (method === 'GET' && sub === 'managedDevices' && segments.length === 3) return 'devices';
      if (method === 'PATCH' && segments.length === 2)
        return /"passwordProfile"/.test(body ?? '') ? 'requirePasswordChange' : 'enableAccount';
    }
    if (method === 'GET' && root === 'auditLogs' && id === 'directoryAudits' && segments.length === 2)
      return 'directoryAudits';
    if (method === 'POST' && segments.join('/') === 'identity/conditionalAccess/evaluate') return 'whatIf';
    return null;
  }

  /** Who sent the token: a delegated user (verified) or the app itself. A user token that fails checks: 401. */
  identify(token: string): Caller {
    const claims = peekClaims(token);
    if (claims?.idtyp !== 'user')
      return { kind: 'app', appId: typeof claims?.appid === 'string' ? claims.appid : 'unknown' };
    let verified;
    try {
      verified = this.deps.issuer.verify(token, GRAPH_AUDIENCES);
    } catch (e) {
      if (e instanceof TokenRejected) throw new GraphHttpError(401, 'InvalidAuthenticationToken', e.message);
      throw e;
    }
    const person = this.deps.directory.people.find((p) => p.id === verified.oid);
    if (!person) throw new GraphHttpError(401, 'InvalidAuthenticationToken', 'Access token validation failure.');
    return { kind: 'user', person, scopes: new Set(verified.scp.split(' ').filter(Boolean)) };
  }

  /**
   * A delegated token elsewhere: reading a user needs User.Read (oneself) or a directory read scope
   * (user-get.md, user-list.md, Permissions); the demo serves nothing else to user tokens (403).
   */
  checkOtherCall(caller: Caller, method: string, segments: string[]): void {
    if (caller.kind === 'app') return;
    const [root, id, sub] = segments;
    const anyUser = ['User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'].some((s) => caller.scopes.has(s));
    const self =
      id !== undefined &&
      (id === caller.person.id || id.toLowerCase() === caller.person.userPrincipalName.toLowerCase());
    if (
      method === 'GET' &&
      root === 'users' &&
      sub === undefined &&
      (anyUser || (self && caller.scopes.has('User.Read')))
    )
      return;
    throw new GraphHttpError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  }

  handle(call: FixCall, caller: Caller, segments: string[], request: GraphRequest, url: URL): Result {
    const target = segments[0] === 'users' ? this.deps.directory.findUser(segments[1]) : null;
    const attempt: FixAttempt = {
      call,
      token: caller.kind === 'app' ? 'app' : 'delegated',
      caller: caller.kind === 'app' ? `app:${caller.appId}` : caller.person.id,
      target: target?.id ?? null,
      status: 0,
      at: new Date(this.deps.clock()).toISOString(),
    };
    try {
      this.authorize(call, caller, target, request);
      const result = this.run(call, caller, target, request, url);
      attempt.status = result.status;
      if (caller.kind === 'user' && ACTIONS.has(call))
        keep(this.actions, {
          action: call as FixAction,
          target: target?.id ?? whatIfSubject(request.body) ?? caller.person.id,
          caller: caller.person.id,
          at: attempt.at,
        });
      return result;
    } catch (e) {
      attempt.status = e instanceof GraphHttpError ? e.status : 500;
      throw e;
    } finally {
      keep(this.attempts, attempt);
    }
  }

  private authorize(call: FixCall, caller: Caller, target: DemoPerson | null, request: GraphRequest): void {
    const rule = CALL_RULES[call];
    const audit = call === 'directoryAudits';
    const noPermission = () =>
      audit
        ? new GraphHttpError(
            403,
            'Authentication_MSGraphPermissionMissing',
            'Calling principal does not have required MSGraph permissions AuditLog.Read.All',
          )
        : new GraphHttpError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    if (caller.kind === 'app') {
      // Application permissions only; a role for the app itself is not modelled (the password profile needs one).
      if (!rule.application.some((p) => this.deps.grant().granted.has(p))) throw noPermission();
      return;
    }
    if (call === 'requirePasswordChange' && /"accountEnabled"/.test(request.body ?? ''))
      this.authorize('enableAccount', caller, target, request);
    const self = target !== null && target.id === caller.person.id;
    if (self && rule.self?.some((s) => caller.scopes.has(s))) return;
    if (!rule.delegated.some((s) => caller.scopes.has(s))) throw noPermission();
    const directory = this.deps.directory;
    const kinds = target ? targetKinds(directory.rolesOf(target), directory.inRoleAssignableGroup(target)) : null;
    if (!roleAllows(call, directory.rolesOf(caller.person), kinds))
      throw audit
        ? new GraphHttpError(403, 'Authentication_RequestFromUnsupportedUserRole', 'User is not in the allowed roles')
        : new GraphHttpError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  }

  private run(call: FixCall, caller: Caller, target: DemoPerson | null, request: GraphRequest, url: URL): Result {
    const { directory, clock, effects } = this.deps;
    const by = caller.kind === 'user' ? caller.person : null;
    const now = new Date(clock());
    switch (call) {
      case 'revokeSessions':
        directory.revokeSessions(target!, now);
        effects.sessionsRevoked(target!, by, now);
        return {
          status: 200,
          body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean', value: true },
        };
      case 'temporaryAccessPass': {
        const body = this.deps.methods.createTap(target!, parseBody(request.body));
        effects.tapIssued(target!, by, now);
        return {
          status: 201,
          body: {
            '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#users('${target!.id}')/authentication/temporaryAccessPassMethods/$entity`,
            ...body,
          },
        };
      }
      case 'listMethods':
        return { status: 200, body: this.deps.methods.list(target!) };
      case 'requirePasswordChange':
      case 'enableAccount':
        patchUser(this.deps, target!, by, request.body, now);
        return { status: 204 };
      case 'directoryAudits':
        return { status: 200, body: this.deps.audits.list(url.searchParams, url) };
      case 'whatIf':
        return {
          status: 200,
          body: this.deps.conditionalAccess.evaluate(request.body, (id) => directory.findUser(id)),
        };
      case 'devices':
        rejectUnsupported(url.searchParams, ['$select', '$top', '$filter']);
        return {
          status: 200,
          body: {
            '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#users('${target!.id}')/managedDevices`,
            value: managedDevicesOf(target!, clock()),
          },
        };
    }
  }
}

/** Appends, keeping the newest 10,000 (a demo that runs for days). */
function keep<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > 10_000) list.splice(0, list.length - 10_000);
}

/** The person a What If request is about. */
function whatIfSubject(body: string | undefined): string | undefined {
  try {
    const id = (JSON.parse(body ?? '') as { signInIdentity?: { userId?: unknown } }).signInIdentity?.userId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
