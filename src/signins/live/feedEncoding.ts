/**
 * The sign-in records the reader of the log publishes to the state store (singleReader.ts), in a
 * form of their own: the fields the index keeps (projectSignIn), each shared part (who, what app,
 * from where, with what, how it ended) written once per item and referred to by number from the
 * records. A 30-second poll's records repeat few parts, so an item is mostly ids.
 *
 * Made from and read back into plain SignIn records, never from the index's internals: what
 * comes back is exactly what the index would keep of the original.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { PROJECTED_PARTS, projectSignIn } from './compactSignIn';

export const PUBLISHED_VERSION = 1;

/** One row per record: id, createdDateTime, correlationId, then the number of each part (in PART_NAMES order). */
type Row = [string, string, string | null, ...number[]];

export interface PublishedRecords {
  v: typeof PUBLISHED_VERSION;
  /** Part name → its distinct values in this item. */
  parts: Record<string, Record<string, unknown>[]>;
  rows: Row[];
}

const PART_NAMES = Object.keys(PROJECTED_PARTS) as (keyof typeof PROJECTED_PARTS)[];

export function encodeRecords(records: readonly SignIn[]): PublishedRecords {
  const parts: Record<string, Record<string, unknown>[]> = {};
  const numbers = new Map<string, number>();
  for (const name of PART_NAMES) parts[name] = [];
  const rows: Row[] = [];
  for (const record of records) {
    if (typeof record.id !== 'string' || typeof record.createdDateTime !== 'string') continue;
    const projected = projectSignIn(record) as Record<string, unknown>;
    const row: Row = [
      record.id,
      record.createdDateTime,
      typeof record.correlationId === 'string' ? record.correlationId : null,
    ];
    for (const name of PART_NAMES) {
      const part: Record<string, unknown> = {};
      for (const field of PROJECTED_PARTS[name]) if (projected[field] !== undefined) part[field] = projected[field];
      const key = `${name}${JSON.stringify(part)}`;
      let n = numbers.get(key);
      if (n === undefined) {
        n = parts[name].push(part) - 1;
        numbers.set(key, n);
      }
      row.push(n);
    }
    rows.push(row);
  }
  return { v: PUBLISHED_VERSION, parts, rows };
}

/** The records of an item; rows that do not fit the shape are left out (the count says how many). */
export function decodeRecords(item: unknown): { records: SignIn[]; rejected: number } {
  if (!isPublished(item)) throw new TypeError('Not a published sign-in item of this version.');
  const records: SignIn[] = [];
  let rejected = 0;
  for (const row of item.rows) {
    if (
      !Array.isArray(row) ||
      typeof row[0] !== 'string' ||
      typeof row[1] !== 'string' ||
      (row[2] !== null && typeof row[2] !== 'string')
    ) {
      rejected++;
      continue;
    }
    const record: Record<string, unknown> = { id: row[0], createdDateTime: row[1], correlationId: row[2] };
    let whole = true;
    PART_NAMES.forEach((name, i) => {
      const part = item.parts[name]?.[row[3 + i] as number];
      if (!part || typeof part !== 'object') {
        whole = false;
        return;
      }
      // Only the fields a part has (nothing else an item might carry, such as __proto__).
      for (const field of PROJECTED_PARTS[name]) if (Object.hasOwn(part, field)) record[field] = part[field];
    });
    if (whole) records.push(record);
    else rejected++;
  }
  return { records, rejected };
}

function isPublished(item: unknown): item is PublishedRecords {
  const candidate = item as Partial<PublishedRecords> | null;
  return (
    !!candidate &&
    candidate.v === PUBLISHED_VERSION &&
    Array.isArray(candidate.rows) &&
    !!candidate.parts &&
    typeof candidate.parts === 'object'
  );
}
