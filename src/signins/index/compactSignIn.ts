/**
 * What the index keeps of a sign-in: only the fields that answers, findings, cards and tickets read
 * (diagnosis/diagnose.ts, cards/render.ts, troubleshooter.ts ticketContent), in two parts:
 *
 * - per record: id, createdDateTime (string and parsed) and correlationId;
 * - a shared "shape": everything else. A person signing in to the same app from the same device and
 *   place with the same outcome produces the same shape again and again, so shapes are interned and
 *   counted; a shape is dropped when its last record is.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';

/** Kept per shape; nested objects are copied whole except location's coordinates. */
export const PROJECTED_FIELDS = [
  'userId', 'userDisplayName', 'userPrincipalName', 'appId', 'appDisplayName', 'resourceDisplayName',
  'ipAddress', 'clientAppUsed', 'conditionalAccessStatus', 'isInteractive', 'riskLevelDuringSignIn',
  'riskEventTypes_v2', 'status', 'deviceDetail', 'location', 'appliedConditionalAccessPolicies',
] as const satisfies readonly (keyof SignIn)[];

export type SignInShape = Readonly<Pick<SignIn, (typeof PROJECTED_FIELDS)[number]>>;

export class IndexedSignIn {
  constructor(
    readonly id: string,
    readonly createdDateTime: string,
    readonly time: number,
    readonly correlationId: string | null,
    readonly shape: SignInShape,
  ) {}

  get userId(): SignIn['userId'] {
    return this.shape.userId;
  }

  get appDisplayName(): SignIn['appDisplayName'] {
    return this.shape.appDisplayName;
  }

  get status(): SignIn['status'] {
    return this.shape.status;
  }

  /** The record as answers read it: a new object each time (callers may not change the index). */
  toSignIn(): SignIn {
    return { id: this.id, createdDateTime: this.createdDateTime, correlationId: this.correlationId, ...this.shape } as SignIn;
  }
}

/** The projection of a full record (what an index answer holds for it); exported for tests. */
export function projectSignIn(record: SignIn): SignIn {
  return { id: record.id, createdDateTime: record.createdDateTime, correlationId: record.correlationId ?? null, ...shapeOf(record) } as SignIn;
}

function shapeOf(record: SignIn): Record<string, unknown> {
  const shape: Record<string, unknown> = {};
  for (const field of PROJECTED_FIELDS) {
    const value = record[field];
    if (value === undefined) continue;
    if (field === 'location' && value && typeof value === 'object') {
      const { geoCoordinates: _dropped, ...rest } = value as Record<string, unknown>;
      shape[field] = rest;
    } else {
      shape[field] = value;
    }
  }
  return shape;
}

/** Rough heap bytes of one record's own part and of one shape (for the byte bound, not exact). */
export const RECORD_OVERHEAD_BYTES = 200;
const SHAPE_OVERHEAD_BYTES = 400;

/** Interns shapes with a use count. */
export class ShapeTable {
  private readonly shapes = new Map<string, { shape: SignInShape; uses: number; bytes: number }>();
  private readonly keys = new WeakMap<object, string>();
  private totalBytes = 0;

  intern(record: SignIn): SignInShape {
    const fresh = shapeOf(record);
    const key = JSON.stringify(fresh);
    const known = this.shapes.get(key);
    if (known) {
      known.uses++;
      return known.shape;
    }
    // A copy of its own (no reference into the response), frozen: every answer shares it.
    const shape = deepFreeze(JSON.parse(key)) as SignInShape;
    // Two bytes per character (key and values), plus the objects.
    const bytes = key.length * 4 + SHAPE_OVERHEAD_BYTES;
    this.shapes.set(key, { shape, uses: 1, bytes });
    this.keys.set(shape, key);
    this.totalBytes += bytes;
    return shape;
  }

  release(shape: SignInShape): void {
    const key = this.keys.get(shape);
    const entry = key === undefined ? undefined : this.shapes.get(key);
    if (!entry || --entry.uses > 0) return;
    this.shapes.delete(key!);
    this.totalBytes -= entry.bytes;
  }

  get size(): number {
    return this.shapes.size;
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
