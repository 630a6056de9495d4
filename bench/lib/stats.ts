/** Small helpers every measure shares: medians, a monotonic clock, result rows. */
import { performance } from 'node:perf_hooks';

export const now = (): number => performance.now();

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One line of the printed table and of results.json. */
export interface Row {
  measure: string;
  /** What was measured, e.g. "per call, 10k rules". */
  name: string;
  value: number;
  unit: string;
  /** How many runs the median is taken over. */
  runs?: number;
  /** Baseline measured in the same run, and value / baseline. */
  baseline?: number;
  ratio?: number;
  /** The goal as text, and whether this figure meets it (undefined: no goal). */
  goal?: string;
  pass?: boolean;
  note?: string;
}

export interface MeasureResult {
  measure: string;
  rows: Row[];
  /** Free-form facts worth keeping (counts, versions, methods). */
  details?: Record<string, unknown>;
  error?: string;
}

export const round = (value: number, digits = 3): number => {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
