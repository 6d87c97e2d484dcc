/** One line of the benchmark table; the first five fields are what bench/results/latest.json keeps. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** The same measure on the raw better-sqlite3 baseline, when there is one. */
  baseline: number | null;
  /** value / baseline. */
  ratio: number | null;
  /** Human-readable target, e.g. "≤ 20 ms, ≤ 2× raw". */
  target?: string;
  /** Whether the target is met (undefined: informative measure). */
  ok?: boolean;
}

export interface BenchContext {
  /** A temporary directory the module may use; removed by the runner at the end. */
  tmpDir: string;
  /** Where the bundled worker(s) live (dist/main). */
  distMain: string;
  log(message: string): void;
}

/** A bench module: runs its measures and returns the rows. */
export interface BenchModule {
  name: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

export function ratioOf(value: number, baseline: number | null): number | null {
  return baseline === null || baseline === 0 ? null : value / baseline;
}

/** A row with optional targets: an absolute ceiling/floor on the value and a ceiling/floor on the ratio. */
export function row(
  name: string,
  value: number,
  unit: string,
  baseline: number | null,
  targets: { maxValue?: number; minValue?: number; maxRatio?: number; minRatio?: number } = {},
): BenchRow {
  const ratio = ratioOf(value, baseline);
  const parts: string[] = [];
  let ok = true;
  if (targets.maxValue !== undefined) {
    parts.push(`≤ ${targets.maxValue} ${unit}`);
    ok &&= value <= targets.maxValue;
  }
  if (targets.minValue !== undefined) {
    parts.push(`≥ ${targets.minValue} ${unit}`);
    ok &&= value >= targets.minValue;
  }
  if (targets.maxRatio !== undefined) {
    parts.push(`ratio ≤ ${targets.maxRatio}`);
    ok &&= ratio !== null && ratio <= targets.maxRatio;
  }
  if (targets.minRatio !== undefined) {
    parts.push(`ratio ≥ ${targets.minRatio}`);
    ok &&= ratio !== null && ratio >= targets.minRatio;
  }
  return parts.length ? { name, value, unit, baseline, ratio, target: parts.join(', '), ok } : { name, value, unit, baseline, ratio };
}
