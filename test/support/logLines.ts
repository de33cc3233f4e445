/** pino's JSON lines, read back with the fields the tests look at. */
import type { AuditEvent } from '../../src/shared/logger';

export interface LogLine {
  [field: string]: unknown;
  level: number;
  msg?: string;
  audit?: AuditEvent;
}

export function parseLogLine(line: string): LogLine {
  return JSON.parse(line) as LogLine;
}

/** The audit events among these lines, in order. */
export function auditsIn(lines: string[]): AuditEvent[] {
  return lines.map(parseLogLine).flatMap((l) => (l.audit ? [l.audit] : []));
}
