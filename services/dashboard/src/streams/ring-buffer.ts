/** The last `capacity` items, oldest first; pushing onto a full buffer drops the oldest. */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`capacity must be a positive integer`);
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds an item; returns the one it pushed out, if the buffer was full. */
  push(item: T): T | undefined {
    const end = (this.start + this.count) % this.capacity;
    const dropped = this.count === this.capacity ? this.items[end] : undefined;
    this.items[end] = item;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
    return dropped;
  }

  toArray(): T[] {
    return Array.from({ length: this.count }, (_, i) => this.items[(this.start + i) % this.capacity]!);
  }

  /** The items after the newest one that `isMark` picks, or undefined when none does (it is gone, or never was). */
  after(isMark: (item: T) => boolean): T[] | undefined {
    const all = this.toArray();
    const mark = all.findLastIndex(isMark);
    return mark === -1 ? undefined : all.slice(mark + 1);
  }
}
