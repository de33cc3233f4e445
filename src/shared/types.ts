/**
 * Types every step of the flow shares. A leaf: it imports nothing, so any folder may import it
 * without creating a cycle (the allowed directions are in eslint.config.mjs and the README).
 */

export type Language = 'en' | 'nl';

/** Kinds of failure a question can ask about: the error catalog's categories (src/diagnosis/catalogTypes.ts) a person can name. */
export const FAILURE_CATEGORIES = [
  'password',
  'lockout',
  'mfa',
  'conditional_access',
  'device',
  'account_state',
  'session',
  'consent',
  'app_config',
  'federation',
  'network',
] as const;
export type FailureCategory = (typeof FAILURE_CATEGORIES)[number];

/** Who reads an answer: the person it is about, or the helpdesk (a sign-in reader). Wording differs. */
export type Audience = 'user' | 'helpdesk';

/** A drawn answer: what the bot posts (src/cards draws it; src/bot and src/incidents send it). */
export interface Card {
  /** The Adaptive Card JSON (schema 1.5). */
  content: Record<string, unknown>;
  /** Plain text for notifications, screen readers and the CLI. */
  summary: string;
}

/** Graph's kinds of sign-in (signIn.signInEventTypes): what SIGNIN_EVENT_TYPES may list. */
export const SIGNIN_EVENT_TYPES = [
  'interactiveUser',
  'nonInteractiveUser',
  'servicePrincipal',
  'managedIdentity',
] as const;
export type SignInEventType = (typeof SIGNIN_EVENT_TYPES)[number];
