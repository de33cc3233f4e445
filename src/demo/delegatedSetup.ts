/**
 * Builds the demo tenant's delegated side (issue 21): its token issuer, the SSO and Bot Framework
 * token service, the fix endpoints with their audit log, authentication methods, Conditional Access
 * What If and effects. On by default; `delegatedFixes: false` leaves the tenant as it was before.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { AuthMethods } from './authMethods';
import { DemoTokenIssuer } from './delegatedTokens';
import type { DemoDirectory } from './directory';
import { DirectoryAuditLog } from './directoryAudits';
import { ROLE_TEMPLATE } from './directoryRoles';
import { FixEffects } from './effects';
import { DelegatedGraph } from './fixes';
import type { DemoPerson } from './people';
import type { GrantedPermissions } from './permissions';
import { DemoTokenService } from './tokenService';
import { ConditionalAccess, DEMO_CA_POLICIES, type CaPolicy } from './whatIf';

export interface DelegatedOptions {
  /** The fix endpoints and the token service (default on); off, those paths answer as unknown segments. */
  delegatedFixes?: boolean;
  /** The delegated scopes the demo's OAuth connection grants (the `scp` of exchanged tokens); default DEMO_DELEGATED_SCOPES. */
  delegatedScopes?: readonly string[];
  /** The tenant's Conditional Access policies (What If); default DEMO_CA_POLICIES (the live incident adds its own). */
  conditionalAccessPolicies?: readonly CaPolicy[];
}

export interface TenantParts {
  directory: DemoDirectory;
  people: readonly DemoPerson[];
  signIns: () => readonly SignIn[];
  addSignIns: (records: SignIn[]) => void;
  grant: () => GrantedPermissions;
  clock: () => number;
  /** The end of the generated log (DemoTenantOptions.now): what the stories' times are relative to. */
  logEnd: number;
}

export function delegatedSide(tenant: TenantParts, options: DelegatedOptions) {
  const { directory, clock } = tenant;
  const issuer = new DemoTokenIssuer(clock);
  const audits = new DirectoryAuditLog();
  const effects = new FixEffects(audits, tenant.signIns, tenant.addSignIns);
  // Who disabled the accounts that fail with 50057: the tenant's Authentication Administrator.
  effects.seedDisabledAccounts(
    tenant.people,
    tenant.people.find((p) => p.roles.includes(ROLE_TEMPLATE.authenticationAdministrator)),
    tenant.logEnd,
  );
  return {
    enabled: options.delegatedFixes !== false,
    audits,
    tokenService: new DemoTokenService(issuer, directory, clock, options.delegatedScopes),
    delegated: new DelegatedGraph({
      directory,
      issuer,
      grant: tenant.grant,
      clock,
      audits,
      methods: new AuthMethods(clock),
      conditionalAccess: new ConditionalAccess(options.conditionalAccessPolicies ?? DEMO_CA_POLICIES, (p) =>
        directory.groupsOf(p),
      ),
      effects,
    }),
  };
}
