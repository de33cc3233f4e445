/**
 * Non-interactive (background) sign-ins: token refreshes that apps make on a person's behalf.
 * They fail in bursts (one app retrying a refresh token every few minutes), so a list shows a
 * burst as one row with its count and span, and an answer about a person's own attempt to sign in
 * leads with an interactive failure unless the question is about the background ones.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { Finding } from './findings';
import type { Burst, Failure } from './types';

export function isBackground(record: SignIn): boolean {
  const types = (record as { signInEventTypes?: unknown }).signInEventTypes;
  return record.isInteractive === false || (Array.isArray(types) && types.includes('nonInteractiveUser'));
}

/**
 * Rows newest first → the same rows with each burst (background failures of one person, app and
 * code, each within `gapMinutes` of the next) folded into its newest row, which carries the burst.
 */
export function foldBursts(rows: Failure[], gapMinutes: number): Failure[] {
  const open = new Map<string, Failure & { burst: Burst }>();
  const out: Failure[] = [];
  for (const row of rows) {
    if (!row.background || row.code === 0) {
      out.push(row);
      continue;
    }
    const key = `${row.record.userId ?? ''}|${row.record.appDisplayName ?? ''}|${row.code}`;
    const burst = open.get(key);
    if (burst && burst.burst.first.getTime() - row.at.getTime() <= gapMinutes * 60_000) {
      burst.burst.count++;
      burst.burst.first = row.at;
      continue;
    }
    const folded = { ...row, burst: { count: 1, first: row.at, last: row.at } };
    open.set(key, folded);
    out.push(folded);
  }
  return out;
}

/**
 * What an answer leads with. Background failures lead only when asked about ("why does Outlook
 * keep asking for my password?") or when there is no interactive failure at all.
 */
export function leadOf(
  failures: Failure[],
  findings: Finding[],
  aboutBackground: boolean,
): { headline: Failure | null; finding: Finding | null } {
  const interactive = failures.find((f) => !f.background);
  if (aboutBackground || !interactive) return { headline: failures[0] ?? null, finding: findings[0] ?? null };
  const backgroundIds = new Set(failures.filter((f) => f.background).map((f) => f.record.id));
  return { headline: interactive, finding: findings.find((f) => !backgroundIds.has(f.signInId)) ?? null };
}
