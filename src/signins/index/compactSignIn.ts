/**
 * What the index keeps of a sign-in: only the fields that answers, findings, cards and tickets read
 * (diagnosis/diagnose.ts, cards/render.ts, troubleshooter.ts ticketContent), split so that almost
 * nothing is stored per record:
 *
 * - per record: id, createdDateTime (string and parsed), correlationId, and five references;
 * - five shared parts, interned with a use count: who (user), what (app), from where (address and
 *   place), with what (device, client) and how it ended (status, Conditional Access, risk). A tenant
 *   repeats each of these endlessly; a part is dropped when its last record is.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';

/** The record fields kept, by part. Nested objects are kept whole, except location's coordinates. */
export const PROJECTED_PARTS = {
  user: ['userId', 'userDisplayName', 'userPrincipalName'],
  app: ['appId', 'appDisplayName', 'resourceDisplayName'],
  network: ['ipAddress', 'location'],
  device: ['deviceDetail', 'clientAppUsed'],
  outcome: ['status', 'conditionalAccessStatus', 'appliedConditionalAccessPolicies', 'riskLevelDuringSignIn', 'riskEventTypes_v2', 'isInteractive'],
} as const satisfies Record<string, readonly (keyof SignIn)[]>;

type PartName = keyof typeof PROJECTED_PARTS;
type Part<P extends PartName> = Readonly<Pick<SignIn, (typeof PROJECTED_PARTS)[P][number]>>;
export type SignInParts = { readonly [P in PartName]: Part<P> };

const PART_NAMES = Object.keys(PROJECTED_PARTS) as PartName[];

/** createdDateTime as Graph writes it when it has whole seconds; only other forms are stored. */
export function secondStamp(time: number): string {
  return new Date(time).toISOString().replace('.000Z', 'Z');
}

export class IndexedSignIn {
  constructor(
    readonly id: string,
    /** Null when it is secondStamp(time), as almost always. */
    private readonly exactCreated: string | null,
    readonly time: number,
    readonly correlationId: string | null,
    readonly user: Part<'user'>,
    readonly app: Part<'app'>,
    readonly network: Part<'network'>,
    readonly device: Part<'device'>,
    readonly outcome: Part<'outcome'>,
  ) {}

  get createdDateTime(): string {
    return this.exactCreated ?? secondStamp(this.time);
  }

  get userId(): SignIn['userId'] {
    return this.user.userId;
  }

  get appDisplayName(): SignIn['appDisplayName'] {
    return this.app.appDisplayName;
  }

  get status(): SignIn['status'] {
    return this.outcome.status;
  }

  get parts(): SignInParts {
    return { user: this.user, app: this.app, network: this.network, device: this.device, outcome: this.outcome };
  }

  /** The record as answers read it: a new object each time (callers may not change the index). */
  toSignIn(): SignIn {
    return { id: this.id, createdDateTime: this.createdDateTime, correlationId: this.correlationId, ...this.user, ...this.app, ...this.network, ...this.device, ...this.outcome };
  }
}

/** The projection of a full record (what an index answer holds for it); exported for tests. */
export function projectSignIn(record: SignIn): SignIn {
  const out: Record<string, unknown> = { id: record.id, createdDateTime: record.createdDateTime, correlationId: record.correlationId ?? null };
  for (const name of PART_NAMES) Object.assign(out, partOf(record, name));
  return out;
}

function partOf(record: SignIn, name: PartName): Record<string, unknown> {
  const part: Record<string, unknown> = {};
  for (const field of PROJECTED_PARTS[name]) {
    const value = record[field];
    if (value === undefined) continue;
    if (field === 'location' && value && typeof value === 'object') {
      const { geoCoordinates: _dropped, ...rest } = value as Record<string, unknown>;
      part[field] = rest;
    } else {
      part[field] = value;
    }
  }
  return part;
}

/** Rough heap bytes of one record's own part (object, two strings, map and list slots) and per part. */
export const RECORD_OVERHEAD_BYTES = 300;
const PART_OVERHEAD_BYTES = 200;

/** Interns the parts of records with a use count. */
export class PartTable {
  private readonly parts = new Map<string, { value: object; uses: number; bytes: number }>();
  private readonly keys = new WeakMap<object, string>();
  private totalBytes = 0;

  intern(record: SignIn): SignInParts {
    const out = {} as Record<PartName, object>;
    for (const name of PART_NAMES) {
      const fresh = partOf(record, name);
      const key = `${name}${JSON.stringify(fresh)}`;
      const known = this.parts.get(key);
      if (known) {
        known.uses++;
        out[name] = known.value;
        continue;
      }
      // A copy of its own (no reference into the response), frozen: every answer shares it.
      const value = deepFreeze(JSON.parse(key.slice(name.length)) as object);
      const bytes = key.length * 3 + PART_OVERHEAD_BYTES;
      this.parts.set(key, { value, uses: 1, bytes });
      this.keys.set(value, key);
      this.totalBytes += bytes;
      out[name] = value;
    }
    return out;
  }

  release(parts: SignInParts): void {
    for (const name of PART_NAMES) {
      const key = this.keys.get(parts[name]);
      const entry = key === undefined ? undefined : this.parts.get(key);
      if (!entry || --entry.uses > 0) continue;
      this.parts.delete(key!);
      this.totalBytes -= entry.bytes;
    }
  }

  get size(): number {
    return this.parts.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
