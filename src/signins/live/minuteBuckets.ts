/**
 * The live index's records by the minute they were created in: each minute a list of slots linked through
 * RecordSlots.nextInMinute, the minutes kept in ascending order, so that a window's records and the oldest
 * minute (for eviction) are found without a scan of the whole index.
 */
import { NO_SLOT, type RecordSlots, type SlotList } from './recordSlots';

export const MINUTE = 60_000;

export class MinuteBuckets {
  private readonly lists = new Map<number, SlotList>();
  /** Keys of `lists`, ascending. */
  private readonly minutes: number[] = [];

  constructor(private readonly slots: RecordSlots) {}

  /** Appends a slot to the list of the minute of `time`. */
  append(slot: number, time: number): void {
    const list = this.listOf(Math.floor(time / MINUTE));
    if (list.tail === NO_SLOT) list.head = slot;
    else this.slots.nextInMinute[list.tail] = slot;
    list.tail = slot;
  }

  /** Visits the slots of every minute that overlaps [from, to], oldest minute first (the caller checks exact times). */
  forEachIn(from: number, to: number, visit: (slot: number) => void): void {
    const last = Math.floor(to / MINUTE);
    for (let i = lowerBound(this.minutes, Math.floor(from / MINUTE)); i < this.minutes.length; i++) {
      if (this.minutes[i] > last) break;
      for (let slot = this.lists.get(this.minutes[i])!.head; slot !== NO_SLOT; slot = this.slots.nextInMinute[slot])
        visit(slot);
    }
  }

  /** The end of the oldest minute held (all of its records are older), or null when empty. */
  oldestMinuteEnd(): number | null {
    return this.minutes.length === 0 ? null : (this.minutes[0] + 1) * MINUTE;
  }

  /** Removes the oldest minute, visiting each of its slots (which the visitor may free); returns the minute's end. */
  dropOldest(visit: (slot: number) => void): number {
    const minute = this.minutes.shift()!;
    for (let slot = this.lists.get(minute)!.head; slot !== NO_SLOT;) {
      const next = this.slots.nextInMinute[slot];
      visit(slot);
      slot = next;
    }
    this.lists.delete(minute);
    return (minute + 1) * MINUTE;
  }

  /** A minute's list, created empty when new. */
  private listOf(minute: number): SlotList {
    let list = this.lists.get(minute);
    if (!list) {
      this.lists.set(minute, (list = { head: NO_SLOT, tail: NO_SLOT }));
      this.minutes.splice(lowerBound(this.minutes, minute), 0, minute);
    }
    return list;
  }
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
