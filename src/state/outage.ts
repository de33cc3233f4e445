/**
 * One clear log line when the state store stops answering (and again each minute while it stays
 * down), and one when it answers again — instead of a line per message.
 */
export interface OutageLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

export class StoreOutage {
  private downSince: number | null = null;
  private lastWarned = 0;

  constructor(
    private readonly logger: OutageLogger,
    private readonly store: string,
    private readonly clock: () => number = Date.now,
  ) {}

  get down(): boolean {
    return this.downSince !== null;
  }

  failed(error: unknown, consequence: string): void {
    const now = this.clock();
    this.downSince ??= now;
    if (now - this.lastWarned < 60_000) return;
    this.lastWarned = now;
    this.logger.warn(
      { store: this.store, err: { message: (error as Error)?.message }, downForMs: now - this.downSince },
      `state store unreachable: ${consequence}`,
    );
  }

  succeeded(): void {
    if (this.downSince === null) return;
    this.logger.info({ store: this.store, downForMs: this.clock() - this.downSince }, 'state store reachable again');
    this.downSince = null;
    this.lastWarned = 0;
  }
}
