/**
 * The kinds of value a setting may hold (the tables in settings.ts and src/demo/settings.ts): each parser turns
 * the raw environment string into a typed value, or a one-line problem that says what is expected.
 */
import { z } from 'zod';
import { SIGNIN_EVENT_TYPES, type SignInEventType } from '../shared/types';

export const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => ['true', '1', 'yes'].includes(v));
/** One of a fixed list of words. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });
export const positiveInt = z
  .string()
  .regex(/^\d+$/, 'must be a whole number')
  .transform(Number)
  .pipe(z.number().int().positive({ error: 'must be a whole number above 0' }));
export const wholeNumber = z
  .string()
  .regex(/^\d+$/, 'must be a whole number')
  .transform(Number)
  .pipe(z.number().int().nonnegative());
export const text = z.string().min(1);
export const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https address' });
export const anyUrl = z.url({ protocol: /^https?$/, error: 'must be an http or https address' });
export const email = z.email({ error: 'must be an e-mail address' });
export const guidList = z
  .string()
  .transform((v) => v.split(/[,;\s]+/).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[0-9a-fA-F-]{8,}$/, 'each entry must be an object id (GUID)')));
/** A JSON object whose every key exists in `defaults` with a value of the same kind (deep). */
export function overridesOf(defaults: Record<string, unknown>) {
  const check = (value: unknown, base: unknown, path: string): string | null => {
    if (Array.isArray(base))
      return Array.isArray(value) && value.every((v) => typeof v === typeof base[0])
        ? null
        : `${path} must be a list like ${JSON.stringify(base)}`;
    if (base !== null && typeof base === 'object') {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return `${path} must be an object`;
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        if (!(key in (base as Record<string, unknown>)) || key.startsWith('_'))
          return `${path ? `${path}.` : ''}${key} is not a known threshold`;
        const problem = check(v, (base as Record<string, unknown>)[key], `${path ? `${path}.` : ''}${key}`);
        if (problem) return problem;
      }
      return null;
    }
    return typeof value === typeof base ? null : `${path} must be a ${typeof base}`;
  };
  return z.string().transform((raw, ctx) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON, e.g. {"mfaFatigue":{"minDenied":3}}' });
      return z.NEVER;
    }
    const problem = check(parsed, defaults, '');
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return parsed as Record<string, Record<string, unknown>>;
  });
}

/** A JSON object of https addresses, each under one of `keys` (SELF_SERVICE_URLS). */
export function urlOverrides(keys: readonly string[]) {
  return z.string().transform((raw, ctx) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be JSON, e.g. {"${keys[0]}":"https://…"}` });
      return z.NEVER;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
      return z.NEVER;
    }
    for (const [key, value] of Object.entries(parsed)) {
      const problem = !keys.includes(key)
        ? `${key} is not one of ${keys.join(', ')}`
        : !httpsUrl.safeParse(value).success
          ? `${key} must be an https address`
          : null;
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
    }
    return parsed as Record<string, string>;
  });
}

export const eventTypeList = z.string().transform((raw, ctx) => {
  const values = [
    ...new Set(
      raw
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
  const wrong = values.filter((v) => !(SIGNIN_EVENT_TYPES as readonly string[]).includes(v));
  if (values.length === 0 || wrong.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `must be one or more of ${SIGNIN_EVENT_TYPES.join(', ')}${wrong.length ? ` (not ${wrong.join(', ')})` : ''}`,
    });
    return z.NEVER;
  }
  return values as SignInEventType[];
});

export const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/Amsterdam');
