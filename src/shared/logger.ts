/** Structured logs (pino). Secrets and message text are redacted wherever they might appear. */
import pino, { type Logger } from 'pino';

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'signin-troubleshooter' },
      redact: {
        paths: ['*.password', '*.secret', '*.token', '*.authorization', '*.Authorization', 'headers.authorization', '*.clientSecret', '*.text', 'text', 'comment', '*.comment'],
        censor: '[redacted]',
      },
    },
    destination,
  );
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
}

export function audit(logger: Logger, event: AuditEvent): void {
  logger.info({ audit: event }, 'audit');
}
