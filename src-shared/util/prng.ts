/** A small seeded PRNG (mulberry32): synthetic archives, fuzz and property tests are the same on every run and machine. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Prng.pick: empty list');
    return item;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Picks items with the given weights (precomputed cumulative table, binary search). */
export class WeightedPicker<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(private readonly items: readonly { value: T; weight: number }[]) {
    let sum = 0;
    for (const it of items) {
      sum += it.weight;
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  pick(rng: Prng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    const it = this.items[lo];
    if (!it) throw new Error('WeightedPicker: empty list');
    return it.value;
  }
}
