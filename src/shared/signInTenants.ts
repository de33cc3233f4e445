/**
 * A sign-in's home and resource tenant: Graph v1.0 `signIn.homeTenantId` and `resourceTenantId` (in v1.0 since the
 * 2026-08 SDK regeneration, see ../shared/reference/graph-signins.md), which @microsoft/microsoft-graph-types does not
 * declare yet. Someone whose home tenant is not the tenant signed in to is a guest there.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';

export type SignInWithTenants = SignIn & { homeTenantId?: string | null; resourceTenantId?: string | null };

/** True for a guest's sign-in, false for a member's, null when the record does not carry both tenants. */
export function isGuestSignIn(record: SignIn): boolean | null {
  const { homeTenantId: home, resourceTenantId: resource } = record as SignInWithTenants;
  return home && resource ? home.toLowerCase() !== resource.toLowerCase() : null;
}
