/**
 * The last line: an error that escapes every handler (a stream 'error' nobody listens to, a
 * rejected promise nobody awaits) is logged and the process keeps serving. Without a listener Node
 * ends the process, and with it every conversation, on one bad request. Only the error's message
 * and stack are logged: never a request, token or message text that an error object may carry.
 */
import type { Logger } from 'pino';

export interface ProcessEvents {
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

export function installSafetyNet(logger: Logger, events: ProcessEvents = process): void {
  const describe = (e: unknown) => ({ message: String((e as Error)?.message ?? e), stack: (e as Error)?.stack });
  events.on('uncaughtException', (error) =>
    logger.error({ err: describe(error) }, 'uncaught exception (kept serving)'),
  );
  events.on('unhandledRejection', (reason) =>
    logger.error({ err: describe(reason) }, 'unhandled rejection (kept serving)'),
  );
}
