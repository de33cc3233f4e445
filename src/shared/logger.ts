/**
 * Structured logs (pino). Secrets and message text are redacted wherever they might appear: by
 * path (the fields code might log by mistake), by header name (Authorization, Cookie, … wherever an
 * object carries them, rawHeaders included) and by shape (a bearer token, a JWT, a SAS signature
 * inside any string, the message included). restify logs through `restifyLogger`, a child of this
 * logger that never writes a request's headers.
 */
import pino, { type Logger } from 'pino';

/** Header names whose values are credentials, wherever they appear as keys. */
const SECRET_KEYS =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-ms-token-[\w-]+|x-functions-key|ocp-apim-subscription-key|rawheaders|password|secret|token|access_token|refresh_token|id_token|client_secret|clientsecret|temporaryaccesspass|tap)$/i;
/** Token-looking values inside any string. */
const SECRET_VALUES: [RegExp, string][] = [
  [/\b(Bearer|Basic|Negotiate)\s+[^\s",;]+/gi, '$1 [redacted]'],
  [/\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, '[redacted jwt]'],
  [/([?&](?:sig|code|access_token|id_token|client_secret|token)=)[^&\s"]+/gi, '$1[redacted]'],
];
/** Log objects are walked to this depth; anything deeper is dropped, never formatted. */
const MAX_DEPTH = 8;
const MAX_KEYS = 100;

/** One cheap test before the replacements: most strings hold nothing token-like. */
const MAYBE_SECRET = /bearer|basic|negotiate|eyJ|[?&]\w+=/i;

export function scrubText(text: string): string {
  if (!MAYBE_SECRET.test(text)) return text;
  let out = text;
  for (const [pattern, replacement] of SECRET_VALUES) out = out.replace(pattern, replacement);
  return out;
}

/** A copy of a log object without credentials: by key, by value, and bounded in depth, width and size. */
export function scrubbed(value: unknown, depth = 0, budget = { nodes: 2_000 }): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH || --budget.nodes < 0) return '[too deep]';
  if (value instanceof Date) return value;
  if (value instanceof Error) return errorOf(value);
  if (Array.isArray(value)) return value.slice(0, MAX_KEYS).map((v) => scrubbed(v, depth + 1, budget));
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const key of Object.keys(value)) {
    if (n++ >= MAX_KEYS) break;
    const field = (value as Record<string, unknown>)[key];
    // A request, response or error at the top is left to its serializer (below), which keeps only what is safe.
    out[key] = SECRET_KEYS.test(key)
      ? '[redacted]'
      : depth === 0 && SERIALIZED.has(key)
        ? field
        : scrubbed(field, depth + 1, budget);
  }
  return out;
}

const SERIALIZED = new Set(['req', 'res', 'err']);

function errorOf(e: unknown): { message: string; stack?: string } {
  if (!e || typeof e !== 'object') return { message: scrubText(String(e)) };
  const { message, stack } = e as { message?: unknown; stack?: unknown };
  return {
    message: scrubText(typeof message === 'string' ? message : ''),
    ...(typeof stack === 'string' ? { stack: scrubText(stack) } : {}),
  };
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'signin-troubleshooter' },
      redact: {
        paths: [
          '*.password',
          '*.secret',
          '*.token',
          '*.authorization',
          '*.Authorization',
          'headers.authorization',
          '*.clientSecret',
          '*.text',
          'text',
          'comment',
          '*.comment',
        ],
        censor: '[redacted]',
      },
      ...scrubbing,
    },
    destination,
  );
}

/** The options that keep credentials out of any pino logger's lines (also applied to restify's). */
const scrubbing: pino.LoggerOptions = {
  serializers: {
    // A request or response is logged as what it asked and answered, never its headers or body.
    req: (req: { method?: unknown; url?: unknown }) => ({
      method: typeof req?.method === 'string' ? req.method : '',
      path: typeof req?.url === 'string' ? req.url.split('?')[0].slice(0, 200) : '',
    }),
    res: (res: { statusCode?: unknown }) => ({ statusCode: res?.statusCode }),
    err: errorOf,
  },
  formatters: { log: (object) => scrubbed(object) as Record<string, unknown> },
  hooks: {
    logMethod(args, method) {
      method.apply(this, args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>);
    },
  },
};

/**
 * The logger restify writes its own lines to (a formatter that failed, a value an async handler
 * returned): a child of the bot's logger, so the same scrubbing applies, and warn-level at least.
 */
export function restifyLogger(logger: Logger): Logger {
  return logger.child({ component: 'restify' }, { level: 'warn', serializers: scrubbing.serializers });
}

export interface AuditEvent {
  event: 'question' | 'action';
  requester: string;
  /** Object id of the person asked about, 'self', 'anyone', or null when none was resolved. */
  subject: string | null;
  intent: string;
  from: string | null;
  to: string | null;
  decision: 'allowed' | 'refused' | 'error';
  reason?: string;
  records: number;
  graphRequests?: number;
  /** A helpdesk fix (issue 21): which, its outcome (confirm, done, done-before, forbidden, …), the finding's sign-in, when done. */
  fix?: { id: string; outcome: string; signInId?: string; at?: string };
}

export function audit(logger: Logger, event: AuditEvent): void {
  logger.info({ audit: event }, 'audit');
}
