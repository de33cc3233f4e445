/**
 * What the index keeps of a sign-in: only the fields that answers, findings, cards and tickets read
 * (diagnosis/diagnose.ts, cards/render.ts, cards/ticketContent.ts), split so that almost
 * nothing is stored per record:
 *
 * - per record, in typed arrays (recordSlots.ts): id and correlationId as 16 bytes each when they are
 *   GUIDs, createdDateTime as a number, and the numbers of five shared parts — about 100 bytes;
 * - five shared parts, interned with a use count: who (user), what (app), from where (address and
 *   place), with what (device, client) and how it ended (status, Conditional Access, risk). A tenant
 *   repeats each of these endlessly; a part is dropped when its last record is.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { SignInWithTenants } from '../../shared/signInTenants';

/** The record fields kept, by part. Nested objects are kept whole, except location's coordinates. */
export const PROJECTED_PARTS = {
  user: ['userId', 'userDisplayName', 'userPrincipalName', 'homeTenantId', 'resourceTenantId'],
  app: ['appId', 'appDisplayName', 'resourceDisplayName'],
  network: ['ipAddress', 'location'],
  device: ['deviceDetail', 'clientAppUsed'],
  outcome: [
    'status',
    'conditionalAccessStatus',
    'appliedConditionalAccessPolicies',
    'riskLevelDuringSignIn',
    'riskEventTypes_v2',
    'isInteractive',
  ],
} as const satisfies Record<string, readonly (keyof SignInWithTenants)[]>;

type PartName = keyof typeof PROJECTED_PARTS;
type Part<P extends PartName> = Readonly<Pick<SignInWithTenants, (typeof PROJECTED_PARTS)[P][number]>>;
export type SignInParts = { readonly [P in PartName]: Part<P> };

const PART_NAMES = Object.keys(PROJECTED_PARTS) as PartName[];

/** createdDateTime as Graph writes it when it has whole seconds; only other forms are stored. */
export function secondStamp(time: number): string {
  return new Date(time).toISOString().replace('.000Z', 'Z');
}

/**
 * One held record as answers read it: a view made on demand from the record's slot (recordSlots.ts)
 * and its shared parts; the index itself keeps no object per record.
 */
export class IndexedSignIn {
  readonly user: Part<'user'>;
  readonly app: Part<'app'>;
  readonly network: Part<'network'>;
  readonly device: Part<'device'>;
  readonly outcome: Part<'outcome'>;

  constructor(
    readonly id: string,
    /** Null when it is secondStamp(time), as almost always. */
    private readonly exactCreated: string | null,
    readonly time: number,
    readonly correlationId: string | null,
    parts: SignInParts,
  ) {
    ({ user: this.user, app: this.app, network: this.network, device: this.device, outcome: this.outcome } = parts);
  }

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
    return {
      id: this.id,
      createdDateTime: this.createdDateTime,
      correlationId: this.correlationId,
      ...this.user,
      ...this.app,
      ...this.network,
      ...this.device,
      ...this.outcome,
    };
  }
}

/** The projection of a full record (what an index answer holds for it); exported for tests. */
export function projectSignIn(record: SignIn): SignIn {
  const out: Record<string, unknown> = {
    id: record.id,
    createdDateTime: record.createdDateTime,
    correlationId: record.correlationId ?? null,
  };
  for (const name of PART_NAMES) Object.assign(out, partOf(record, name));
  return out;
}

function partOf(record: SignIn, name: PartName): Record<string, unknown> {
  const part: Record<string, unknown> = {};
  for (const field of PROJECTED_PARTS[name]) {
    const value = (record as SignInWithTenants)[field];
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

/** Rough heap bytes of one shared part beyond its JSON text (object, map and list slots). */
const PART_OVERHEAD_BYTES = 200;

/**
 * Interns the parts of records with a use count; records hold a part's number (see recordSlots.ts),
 * so a part costs a record four bytes however many fields it has.
 */
export class PartTable {
  private readonly numbers = new Map<string, number>();
  private readonly values: (object | undefined)[] = [];
  private readonly keys: (string | undefined)[] = [];
  private readonly uses: number[] = [];
  private readonly free: number[] = [];
  private totalBytes = 0;
  private count = 0;

  /** The part numbers of a record, in PART_NAMES order, written to `out` from `at`. */
  intern(record: SignIn, out: Uint32Array, at: number): void {
    for (let i = 0; i < PART_NAMES.length; i++) {
      const name = PART_NAMES[i];
      const key = `${name}${JSON.stringify(partOf(record, name))}`;
      const known = this.numbers.get(key);
      if (known !== undefined) {
        this.uses[known]++;
        out[at + i] = known;
        continue;
      }
      // A copy of its own (no reference into the response), frozen: every answer shares it.
      const value = deepFreeze(JSON.parse(key.slice(name.length)) as object);
      const n = this.free.pop() ?? this.values.length;
      this.values[n] = value;
      this.keys[n] = key;
      this.uses[n] = 1;
      this.numbers.set(key, n);
      this.totalBytes += key.length * 3 + PART_OVERHEAD_BYTES;
      this.count++;
      out[at + i] = n;
    }
  }

  value(n: number): object {
    return this.values[n]!;
  }

  /** The record's parts by number, from `numbers` at `at`. */
  partsAt(numbers: Uint32Array, at: number): SignInParts {
    const out = {} as Record<PartName, object>;
    for (let i = 0; i < PART_NAMES.length; i++) out[PART_NAMES[i]] = this.values[numbers[at + i]] as object;
    return out;
  }

  release(numbers: Uint32Array, at: number): void {
    for (let i = 0; i < PART_NAMES.length; i++) {
      const n = numbers[at + i];
      if (--this.uses[n] > 0) continue;
      const key = this.keys[n]!;
      this.numbers.delete(key);
      this.totalBytes -= key.length * 3 + PART_OVERHEAD_BYTES;
      this.values[n] = undefined;
      this.keys[n] = undefined;
      this.free.push(n);
      this.count--;
    }
  }

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.totalBytes;
  }
}

/** How many parts a record references (the stride of the part numbers per record). */
export const PARTS_PER_RECORD = PART_NAMES.length;

/** Where each part's number sits among a record's part numbers. */
export const PART_INDEX = Object.fromEntries(PART_NAMES.map((name, i) => [name, i])) as Record<PartName, number>;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
