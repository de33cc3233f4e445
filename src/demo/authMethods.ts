/**
 * People's authentication methods in the demo tenant: the password every member has, Microsoft
 * Authenticator for those who registered it, and the Temporary Access Pass a helpdesk person issues.
 *
 * - List: api-reference/v1.0/api/authentication-list-methods.md (the password method's fixed id
 *   28c10230-6103-485e-b985-444c60001490, its `password` always null).
 * - Create a TAP: api-reference/v1.0/api/authentication-post-temporaryaccesspassmethods.md — 201 with
 *   the pass itself, once; a user has one TAP, a new one replaces it; `lifetimeInMinutes` 10–43200 and
 *   within the policy; without it the policy's default. Later reads show `temporaryAccessPass` null
 *   (resources/temporaryaccesspassauthenticationmethod.md).
 * - The tenant's TAP policy is Entra's default: 60 minutes by default, 60–480 allowed, 8 characters,
 *   one-time use not enforced (resources/temporaryaccesspassauthenticationmethodconfiguration.md).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { GraphHttpError } from './graphProtocol';
import type { DemoPerson } from './people';

export const TAP_POLICY = {
  defaultLifetimeInMinutes: 60,
  minimumLifetimeInMinutes: 60,
  maximumLifetimeInMinutes: 480,
  defaultLength: 8,
  isUsableOnce: false,
} as const;

const PASSWORD_METHOD_ID = '28c10230-6103-485e-b985-444c60001490';
/** The characters a pass is drawn from (letters and digits without look-alikes, and a few symbols). */
const TAP_CHARACTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789@#$%&*+=';

interface Tap {
  id: string;
  secret: string;
  createdDateTime: string;
  startDateTime: string;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
}

export class AuthMethods {
  private readonly taps = new Map<string, Tap>();

  constructor(private readonly clock: () => number) {}

  /** Creates (or replaces) the person's TAP from Graph's request body; returns the 201 body, secret included. */
  createTap(person: DemoPerson, body: unknown): Record<string, unknown> {
    const request = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const lifetime = request.lifetimeInMinutes ?? TAP_POLICY.defaultLifetimeInMinutes;
    if (typeof lifetime !== 'number' || !Number.isInteger(lifetime) || lifetime < 10 || lifetime > 43200)
      throw new GraphHttpError(400, 'badRequest', 'lifetimeInMinutes must be a whole number between 10 and 43200.');
    if (lifetime < TAP_POLICY.minimumLifetimeInMinutes || lifetime > TAP_POLICY.maximumLifetimeInMinutes)
      throw new GraphHttpError(
        400,
        'badRequest',
        `The lifetime is outside the Temporary Access Pass policy (${TAP_POLICY.minimumLifetimeInMinutes}–${TAP_POLICY.maximumLifetimeInMinutes} minutes).`,
      );
    const once = request.isUsableOnce ?? TAP_POLICY.isUsableOnce;
    if (typeof once !== 'boolean') throw new GraphHttpError(400, 'badRequest', 'isUsableOnce must be a boolean.');
    if (!once && TAP_POLICY.isUsableOnce)
      throw new GraphHttpError(400, 'badRequest', 'The Temporary Access Pass policy allows one-time passes only.');
    const now = this.clock();
    let start = now;
    if (request.startDateTime !== undefined) {
      start = typeof request.startDateTime === 'string' ? Date.parse(request.startDateTime) : NaN;
      if (Number.isNaN(start)) throw new GraphHttpError(400, 'badRequest', 'startDateTime is not a valid date.');
    }
    const tap: Tap = {
      id: randomUUID(),
      secret: Array.from(
        { length: TAP_POLICY.defaultLength },
        () => TAP_CHARACTERS[randomInt(TAP_CHARACTERS.length)],
      ).join(''),
      createdDateTime: new Date(now).toISOString(),
      startDateTime: new Date(start).toISOString(),
      lifetimeInMinutes: lifetime,
      isUsableOnce: once,
    };
    this.taps.set(person.id, tap);
    return { ...this.shape(tap), temporaryAccessPass: tap.secret };
  }

  /** GET /users/{id}/authentication/methods: the password, Authenticator if registered, the TAP without its secret. */
  list(person: DemoPerson): unknown {
    const value: Record<string, unknown>[] = [
      {
        '@odata.type': '#microsoft.graph.passwordAuthenticationMethod',
        id: PASSWORD_METHOD_ID,
        password: null,
        createdDateTime: null,
      },
    ];
    // Everyone in the demo registered Microsoft Authenticator on a phone.
    value.push({
      '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
      id: `3ddfcfc8-9383-446f-83cc-${person.id.slice(-12)}`,
      displayName: `${person.givenName}'s phone`,
      deviceTag: 'SoftwareTokenActivated',
      phoneAppVersion: '6.2409.6094',
      createdDateTime: null,
    });
    const tap = this.taps.get(person.id);
    if (tap) value.push(this.shape(tap));
    return {
      '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#users('${person.id}')/authentication/methods`,
      value,
    };
  }

  private shape(tap: Tap): Record<string, unknown> {
    const now = this.clock();
    const start = Date.parse(tap.startDateTime);
    const end = start + tap.lifetimeInMinutes * 60_000;
    const reason = now < start ? 'NotYetValid' : now >= end ? 'Expired' : 'EnabledByPolicy';
    return {
      '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethod',
      id: tap.id,
      temporaryAccessPass: null,
      createdDateTime: tap.createdDateTime,
      startDateTime: tap.startDateTime,
      lifetimeInMinutes: tap.lifetimeInMinutes,
      isUsableOnce: tap.isUsableOnce,
      isUsable: reason === 'EnabledByPolicy',
      methodUsabilityReason: reason,
    };
  }
}
