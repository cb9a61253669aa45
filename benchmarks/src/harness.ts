/**
 * Shared timing helpers for the benchmarks: warm up, repeat, report the median, compare with a peer.
 *
 * ```ts
 * const a = await measure('fused', () => run(fused), { warmup: 3, repeats: 10 });
 * const b = await measure('naive', () => run(naive));
 * printComparison(a, b); // "fused 1.23 ms · naive 4.56 ms · naive/fused 3.71×"
 * ```
 */
export interface Measurement {
  label: string;
  /** Median wall time of one call, in milliseconds. */
  medianMs: number;
  /** All timed calls, in milliseconds, in the order they ran. */
  samplesMs: number[];
}

export interface MeasureOptions {
  /** Untimed calls first (JIT, kernel compilation, allocation). Default 3. */
  warmup?: number;
  /** Timed calls. Default 10. */
  repeats?: number;
}

/** Times `fn` (sync or async) `repeats` times after `warmup` untimed calls; returns the median. */
export async function measure(
  label: string,
  fn: () => unknown | Promise<unknown>,
  { warmup = 3, repeats = 10 }: MeasureOptions = {},
): Promise<Measurement> {
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`measure: repeats must be an integer >= 1, got ${repeats}`);
  for (let i = 0; i < warmup; i++) await fn();
  const samplesMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await fn();
    samplesMs.push(performance.now() - t0);
  }
  const sorted = [...samplesMs].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  const medianMs = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { label, medianMs, samplesMs };
}

/** Formats milliseconds with a sensible number of digits. */
export function formatMs(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;
}

/** Prints `subject` against `peer`: both medians and how many times faster the subject is. */
export function printComparison(subject: Measurement, peer: Measurement, context = ''): void {
  const ratio = peer.medianMs / subject.medianMs;
  const prefix = context ? `${context}: ` : '';
  console.log(
    `${prefix}${subject.label} ${formatMs(subject.medianMs)} · ${peer.label} ${formatMs(peer.medianMs)} · ` +
      `${peer.label}/${subject.label} ${ratio.toFixed(2)}×`,
  );
}
