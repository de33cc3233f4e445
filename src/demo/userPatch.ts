/**
 * PATCH /users/{id} as the fixes use it (api-reference/v1.0/api/user-update.md): `accountEnabled`
 * and `passwordProfile` (`forceChangePasswordNextSignIn`, `forceChangePasswordNextSignInWithMfa`,
 * optionally a `password`, which is never kept). Anything else the demo does not update: 400.
 * Who may is decided before (fixes.ts); the effects are effects.ts's.
 */
import type { DemoDirectory } from './directory';
import type { FixEffects } from './effects';
import { GraphHttpError, parseBody } from './graphProtocol';
import type { DemoPerson } from './people';

const FLAGS = ['forceChangePasswordNextSignIn', 'forceChangePasswordNextSignInWithMfa'] as const;

export function patchUser(
  deps: { directory: DemoDirectory; effects: FixEffects },
  target: DemoPerson,
  by: DemoPerson | null,
  rawBody: string | undefined,
  now: Date,
): void {
  const body = parseBody(rawBody) as Record<string, unknown>;
  const unsupported = Object.keys(body).filter((k) => k !== 'accountEnabled' && k !== 'passwordProfile');
  if (unsupported.length > 0 || Object.keys(body).length === 0)
    throw new GraphHttpError(
      400,
      'Request_BadRequest',
      'The demo tenant updates accountEnabled and passwordProfile only.',
    );
  if ('accountEnabled' in body) {
    if (typeof body.accountEnabled !== 'boolean')
      throw new GraphHttpError(400, 'Request_BadRequest', 'accountEnabled must be true or false.');
    const before = deps.directory.isEnabled(target);
    deps.directory.setEnabled(target, body.accountEnabled);
    deps.effects.accountEnabledChanged(target, by, before, body.accountEnabled, now);
  }
  if ('passwordProfile' in body) {
    const profile = body.passwordProfile as Record<string, unknown> | null;
    if (
      !profile ||
      typeof profile !== 'object' ||
      Object.keys(profile).some((k) => !(FLAGS as readonly string[]).includes(k) && k !== 'password') ||
      FLAGS.some((f) => f in profile && typeof profile[f] !== 'boolean')
    )
      throw new GraphHttpError(
        400,
        'Request_BadRequest',
        'passwordProfile holds forceChangePasswordNextSignIn(WithMfa) and password.',
      );
    deps.directory.setPasswordProfile(target, {
      forceChangePasswordNextSignIn: profile.forceChangePasswordNextSignIn === true,
      forceChangePasswordNextSignInWithMfa: profile.forceChangePasswordNextSignInWithMfa === true,
    });
    deps.effects.passwordChangeRequired(target, by, now, typeof profile.password === 'string');
  }
}
