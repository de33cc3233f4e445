/**
 * Fault injection for the Graph test server: what can go wrong with one request (an error status,
 * a slow or cut-off answer, a dropped connection) and plans that decide, per request, which.
 */
import { prng } from './random';

/** What the server does instead of (or before) answering normally. */
export type Fault =
  /** An error answer in Graph's JSON error shape, e.g. 429 + Retry-After, 500, 503, 403 + code. */
  | { type: 'status'; status: number; code?: string; message?: string; retryAfterSeconds?: number }
  /**
   * The normal answer, after a delay. `handledFirst`: the request takes effect at once and only the
   * answer is late (a mail Graph accepted whose answer never reached a client that died).
   */
  | { type: 'slow'; delayMs: number; handledFirst?: boolean }
  /** 200 with a JSON content type and a body cut off in the middle. */
  | { type: 'malformed' }
  /** The connection is destroyed without an answer. */
  | { type: 'drop' };

/** Ready-made faults. */
export const FAULTS = {
  throttled: (retryAfterSeconds = 1): Fault => ({
    type: 'status',
    status: 429,
    code: 'TooManyRequests',
    message: 'Too many requests.',
    retryAfterSeconds,
  }),
  serverError: (): Fault => ({
    type: 'status',
    status: 500,
    code: 'InternalServerError',
    message: 'Something went wrong.',
  }),
  unavailable: (retryAfterSeconds?: number): Fault => ({
    type: 'status',
    status: 503,
    code: 'ServiceUnavailable',
    message: 'The service is temporarily unavailable.',
    retryAfterSeconds,
  }),
  notLicensed: (): Fault => ({
    type: 'status',
    status: 403,
    code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
    message: "Neither tenant is B2C or tenant doesn't have premium license",
  }),
  permissionDenied: (): Fault => ({
    type: 'status',
    status: 403,
    code: 'Authorization_RequestDenied',
    message: 'Insufficient privileges to complete the operation.',
  }),
  slow: (delayMs: number): Fault => ({ type: 'slow', delayMs }),
  malformed: (): Fault => ({ type: 'malformed' }),
  drop: (): Fault => ({ type: 'drop' }),
};

/** What a fault plan sees of a request. */
export interface FaultRequest {
  method: string;
  /** Path below the version segment, e.g. /auditLogs/signIns. */
  path: string;
  url: URL;
  /** 1 for the first request the server received, and so on. */
  seq: number;
}

/**
 * Either a function deciding per request, or a rate: that share of the matching requests (a seeded
 * draw) gets one of `faults` (drawn evenly).
 */
export type FaultPlan =
  | ((request: FaultRequest) => Fault | null | undefined)
  | { rate: number; faults: Fault[]; seed?: number; match?: (request: FaultRequest) => boolean };

/** A plan as one function per request; a rate plan draws from its own seeded generator. */
export function compilePlan(plan: FaultPlan | null): (request: FaultRequest) => Fault | null | undefined {
  if (plan === null) return () => null;
  if (typeof plan === 'function') return plan;
  if (!(plan.rate >= 0 && plan.rate <= 1)) throw new RangeError('A fault rate is between 0 and 1.');
  if (plan.faults.length === 0) return () => null;
  const random = prng(plan.seed ?? 1);
  const match = plan.match ?? (() => true);
  return (request) => {
    if (!match(request)) return null;
    if (random() >= plan.rate) return null;
    return plan.faults[Math.floor(random() * plan.faults.length)];
  };
}
