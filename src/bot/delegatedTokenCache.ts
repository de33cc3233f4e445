/**
 * The delegated Graph tokens the Token Service exchanged for fix clicks, kept in this process's
 * memory per (person, OAuth connection: its scopes) until shortly before they expire, so a second fix
 * by the same helpdesk person within the token's lifetime needs no second exchange. Never persisted,
 * never logged, never put on a card; forgotten when Entra refuses the person (403: a role activated
 * through PIM comes with a new token), when Graph rejects the token (401), and at sign-out.
 */

/** A token is used up to this long before its expiry: a Graph call made with it must still find it valid. */
export const TOKEN_REUSE_MARGIN_MS = 5 * 60_000;
/** At most this many people's tokens at once (the oldest go first): a bound, not a working limit. */
const MAX_ENTRIES = 1_000;

interface Entry {
  token: string;
  expiresAt: number;
}

export class DelegatedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly marginMs = TOKEN_REUSE_MARGIN_MS,
  ) {}

  /** The person's token for this connection while it has more than the margin left; else null (and it is dropped). */
  get(person: string, connection: string): string | null {
    const key = keyOf(person, connection);
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt - this.marginMs > this.clock()) return entry.token;
    this.entries.delete(key);
    return null;
  }

  /** Keeps a token until shortly before `expiration` (the TokenResponse's, else the JWT's `exp`); one without either is not kept. */
  set(person: string, connection: string, token: string, expiration?: string): void {
    const expiresAt = expiration ? Date.parse(expiration) : expiryOf(token);
    if (!Number.isFinite(expiresAt) || expiresAt - this.marginMs <= this.clock()) return;
    const key = keyOf(person, connection);
    this.entries.delete(key);
    this.entries.set(key, { token, expiresAt });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Forgets every token of this person (403, 401, sign-out). */
  clear(person: string): void {
    const prefix = `${person.toLowerCase()}\n`;
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

const keyOf = (person: string, connection: string) => `${person.toLowerCase()}\n${connection}`;

/** A JWT's `exp` in epoch ms, or NaN. */
function expiryOf(token: string): number {
  try {
    const exp = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown })
      .exp;
    return typeof exp === 'number' ? exp * 1000 : NaN;
  } catch {
    return NaN;
  }
}
