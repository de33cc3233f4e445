/**
 * The index's records as columns of typed arrays, one slot per record, so that a held record costs
 * about 100 bytes and no JavaScript object (a Map entry and two id strings alone cost ~250):
 *
 * - id and correlationId: 16 bytes each when they are lower-case GUIDs (Graph's form); anything
 *   else is kept as text in a side map (rare);
 * - createdDateTime as ms, the numbers of its five shared parts (compactSignIn.ts PartTable);
 * - links: the next record of the same minute (and of the free list), the previous and next of the
 *   same person, so that eviction and a person's records need no arrays;
 * - a hash table of slot numbers by GUID id (open addressing, linear probing).
 */
import { PARTS_PER_RECORD } from './compactSignIn';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const NO_SLOT = -1;

/** First and last slot of a linked list of slots, in arrival order (ties in time keep the log's order). */
export interface SlotList {
  head: number;
  tail: number;
}

/** Kinds of the id and correlationId columns. */
const Kind = { Free: 0, Guid: 1, Text: 2, Null: 3 } as const;

/** Bytes per slot across all columns: ids, kinds, time, part numbers, three links. */
export const SLOT_BYTES = 16 + 16 + 2 + 8 + 4 * PARTS_PER_RECORD + 4 * 3;

function guidWords(text: string, out: Uint32Array, at: number): void {
  out[at] = parseInt(text.slice(0, 8), 16);
  out[at + 1] = parseInt(text.slice(9, 13) + text.slice(14, 18), 16);
  out[at + 2] = parseInt(text.slice(19, 23) + text.slice(24, 28), 16);
  out[at + 3] = parseInt(text.slice(28, 36), 16);
}

/** Two hex digits per byte value: answers turn thousands of ids back into text per question. */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex4 = (n: number) => HEX[(n >>> 8) & 255] + HEX[n & 255];

function guidText(words: Uint32Array, at: number): string {
  const [a, b, c, d] = [words[at], words[at + 1], words[at + 2], words[at + 3]];
  return `${hex4(a >>> 16)}${hex4(a)}-${hex4(b >>> 16)}-${hex4(b)}-${hex4(c >>> 16)}-${hex4(c)}${hex4(d >>> 16)}${hex4(d)}`;
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const scratch = new Uint32Array(4);

export class RecordSlots {
  private capacity = 0;
  private ids = new Uint32Array(0);
  private correlations = new Uint32Array(0);
  private idKinds = new Uint8Array(0);
  private correlationKinds = new Uint8Array(0);
  times = new Float64Array(0);
  /** Part numbers, PARTS_PER_RECORD per slot. */
  partNumbers = new Uint32Array(0);
  /** Next slot of the same minute; for a free slot, the next free one. */
  nextInMinute = new Int32Array(0);
  private prevOfUser = new Int32Array(0);
  nextOfUser = new Int32Array(0);
  private freeHead = NO_SLOT;
  private used = 0;
  /** Slot + 1 per cell, 0 empty; GUID ids only. */
  private table = new Int32Array(0);
  private readonly textIds = new Map<string, number>();
  private readonly textOf = new Map<number, string>();
  private readonly textCorrelations = new Map<number, string>();

  get size(): number {
    return this.used;
  }

  /** Heap bytes of the columns and the hash table (capacity, not only what is used). */
  get bytes(): number {
    return this.capacity * SLOT_BYTES + this.table.length * 4 + (this.textOf.size + this.textCorrelations.size) * 120;
  }

  /** Bytes of the slots in use (with their share of the hash table): unlike `bytes`, it falls as records go. */
  get usedBytes(): number {
    return this.used * (SLOT_BYTES + 8) + (this.textOf.size + this.textCorrelations.size) * 120;
  }

  /** The slot of a held id (compared without regard to case), or NO_SLOT. */
  find(id: string): number {
    const key = id.toLowerCase();
    if (!GUID.test(key)) return this.textIds.get(key) ?? NO_SLOT;
    guidWords(key, scratch, 0);
    const mask = this.table.length - 1;
    if (mask < 0) return this.textIds.get(key) ?? NO_SLOT;
    for (let cell = this.hash(scratch, 0) & mask; ; cell = (cell + 1) & mask) {
      const entry = this.table[cell];
      if (entry === 0) return this.textIds.get(key) ?? NO_SLOT;
      const slot = entry - 1;
      if (this.sameId(slot, scratch)) return slot;
    }
  }

  /** Takes a free slot for a record (the caller fills parts and links). */
  add(id: string, correlationId: string | null, time: number): number {
    if (this.freeHead === NO_SLOT) this.grow();
    const slot = this.freeHead;
    this.freeHead = this.nextInMinute[slot];
    this.used++;
    if (GUID.test(id)) {
      this.idKinds[slot] = Kind.Guid;
      guidWords(id, this.ids, slot * 4);
      this.insertHash(slot);
    } else {
      this.idKinds[slot] = Kind.Text;
      this.textIds.set(id.toLowerCase(), slot);
      this.textOf.set(slot, id);
    }
    if (correlationId === null) this.correlationKinds[slot] = Kind.Null;
    else if (GUID.test(correlationId)) {
      this.correlationKinds[slot] = Kind.Guid;
      guidWords(correlationId, this.correlations, slot * 4);
    } else {
      this.correlationKinds[slot] = Kind.Text;
      this.textCorrelations.set(slot, correlationId);
    }
    this.times[slot] = time;
    this.nextInMinute[slot] = NO_SLOT;
    this.prevOfUser[slot] = NO_SLOT;
    this.nextOfUser[slot] = NO_SLOT;
    return slot;
  }

  remove(slot: number): void {
    if (this.idKinds[slot] === Kind.Guid) this.deleteHash(slot);
    else {
      this.textIds.delete(this.textOf.get(slot)!.toLowerCase());
      this.textOf.delete(slot);
    }
    this.textCorrelations.delete(slot);
    this.idKinds[slot] = Kind.Free;
    this.correlationKinds[slot] = Kind.Free;
    this.nextInMinute[slot] = this.freeHead;
    this.freeHead = slot;
    this.used--;
  }

  idOf(slot: number): string {
    return this.idKinds[slot] === Kind.Guid ? guidText(this.ids, slot * 4) : this.textOf.get(slot)!;
  }

  correlationOf(slot: number): string | null {
    const kind = this.correlationKinds[slot];
    if (kind === Kind.Guid) return guidText(this.correlations, slot * 4);
    return kind === Kind.Text ? this.textCorrelations.get(slot)! : null;
  }

  /** Appends `slot` to a list (a person's records, in arrival order). */
  linkUser(slot: number, list: SlotList): void {
    this.prevOfUser[slot] = list.tail;
    this.nextOfUser[slot] = NO_SLOT;
    if (list.tail !== NO_SLOT) this.nextOfUser[list.tail] = slot;
    else list.head = slot;
    list.tail = slot;
  }

  /** Takes `slot` out of its person's list. */
  unlinkUser(slot: number, list: SlotList): void {
    const prev = this.prevOfUser[slot];
    const next = this.nextOfUser[slot];
    if (next !== NO_SLOT) this.prevOfUser[next] = prev;
    else list.tail = prev;
    if (prev !== NO_SLOT) this.nextOfUser[prev] = next;
    else list.head = next;
  }

  private grow(): void {
    const old = this.capacity;
    const capacity = Math.max(1024, Math.ceil(old * 1.5));
    const grown = <T extends Uint32Array | Uint8Array | Float64Array | Int32Array>(
      array: T,
      per: number,
      make: (n: number) => T,
    ): T => {
      const next = make(capacity * per);
      next.set(array);
      return next;
    };
    this.ids = grown(this.ids, 4, (n) => new Uint32Array(n));
    this.correlations = grown(this.correlations, 4, (n) => new Uint32Array(n));
    this.idKinds = grown(this.idKinds, 1, (n) => new Uint8Array(n));
    this.correlationKinds = grown(this.correlationKinds, 1, (n) => new Uint8Array(n));
    this.times = grown(this.times, 1, (n) => new Float64Array(n));
    this.partNumbers = grown(this.partNumbers, PARTS_PER_RECORD, (n) => new Uint32Array(n));
    this.nextInMinute = grown(this.nextInMinute, 1, (n) => new Int32Array(n));
    this.prevOfUser = grown(this.prevOfUser, 1, (n) => new Int32Array(n));
    this.nextOfUser = grown(this.nextOfUser, 1, (n) => new Int32Array(n));
    // The new slots become the free list, lowest first.
    for (let slot = capacity - 1; slot >= old; slot--) {
      this.nextInMinute[slot] = this.freeHead;
      this.freeHead = slot;
    }
    this.capacity = capacity;
    let size = 1024;
    while (size < capacity * 2) size *= 2;
    if (size !== this.table.length) this.rehash(size);
  }

  private rehash(size: number): void {
    this.table = new Int32Array(size);
    for (let slot = 0; slot < this.capacity; slot++) if (this.idKinds[slot] === Kind.Guid) this.insertHash(slot);
  }

  private hash(words: Uint32Array, at: number): number {
    return mix(
      words[at] ^ Math.imul(words[at + 1], 0x9e3779b1) ^ Math.imul(words[at + 2], 0x27d4eb2f) ^ mix(words[at + 3]),
    );
  }

  private sameId(slot: number, words: Uint32Array): boolean {
    const at = slot * 4;
    return (
      this.idKinds[slot] === Kind.Guid &&
      this.ids[at] === words[0] &&
      this.ids[at + 1] === words[1] &&
      this.ids[at + 2] === words[2] &&
      this.ids[at + 3] === words[3]
    );
  }

  private insertHash(slot: number): void {
    const mask = this.table.length - 1;
    let cell = this.hash(this.ids, slot * 4) & mask;
    while (this.table[cell] !== 0) cell = (cell + 1) & mask;
    this.table[cell] = slot + 1;
  }

  /** Linear probing's deletion without tombstones: later entries of the run move back into the hole. */
  private deleteHash(slot: number): void {
    const mask = this.table.length - 1;
    let hole = this.hash(this.ids, slot * 4) & mask;
    while (this.table[hole] !== slot + 1) hole = (hole + 1) & mask;
    this.table[hole] = 0;
    for (let cell = (hole + 1) & mask; this.table[cell] !== 0; cell = (cell + 1) & mask) {
      const other = this.table[cell] - 1;
      const home = this.hash(this.ids, other * 4) & mask;
      // Move it when its home is not in (hole, cell], cyclically.
      const between = hole <= cell ? home > hole && home <= cell : home > hole || home <= cell;
      if (!between) {
        this.table[hole] = other + 1;
        this.table[cell] = 0;
        hole = cell;
      }
    }
  }
}
