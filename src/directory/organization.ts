/**
 * The tenant's home country: `GET /organization?$select=countryLetterCode` (Microsoft Graph v1.0,
 * organization-list.md), read with the bot's own token — Directory.Read.All, which it already holds,
 * suffices; a delegated User.Read token would get `countryLetterCode: null` (the page's note) — and
 * kept a day. What If's "from another country" falls back to it when a person's sign-ins show no usual
 * country of their own (src/answers/fixes.ts).
 */
import type { Client } from '@microsoft/microsoft-graph-client';

const KEEP_MS = 86_400_000;
/** A failed read is not asked again for this long. */
const KEEP_FAILED_MS = 5 * 60_000;

export class TenantHomeCountry {
  private kept: { country: string | null; until: number } | null = null;

  constructor(
    private readonly client: Client,
    private readonly clock: () => number = Date.now,
  ) {}

  /** ISO 3166 alpha-2, upper case; null when Graph does not say (or could not be read). */
  async get(): Promise<string | null> {
    if (this.kept && this.kept.until > this.clock()) return this.kept.country;
    let country: string | null = null;
    let keepMs = KEEP_MS;
    try {
      const page = (await this.client.api('/organization').select('countryLetterCode').get()) as {
        value?: { countryLetterCode?: unknown }[];
      };
      const code = page.value?.[0]?.countryLetterCode;
      country = typeof code === 'string' && /^[A-Za-z]{2}$/.test(code) ? code.toUpperCase() : null;
    } catch {
      keepMs = KEEP_FAILED_MS;
    }
    this.kept = { country, until: this.clock() + keepMs };
    return country;
  }
}

/** The tenant's home country as the fixes ask for it. */
export function homeCountryOf(client: Client, clock?: () => number): () => Promise<string | null> {
  const country = new TenantHomeCountry(client, clock);
  return () => country.get();
}
