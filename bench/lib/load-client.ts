/**
 * The client side of the load benches (bench/load.ts, bench/fleet-load.ts): plain node:http
 * requests (with the caller's keep-alive agents), per-operation latencies and error counts.
 */
import http from 'node:http';

export interface Answer {
  status: number;
  text: string;
}

export function request(options: http.RequestOptions, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ ...options, timeout: 10_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

export interface OpSummary {
  count: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const percentile = (sorted: number[], q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN;

/** ` code` of a JSON error answer ({ error: { code } }), ' (not JSON)' for other bodies (e.g. a balancer's page). */
function errorCode(text: string): string {
  try {
    return ` ${(JSON.parse(text) as { error?: { code?: string } }).error?.code ?? ''}`.trimEnd();
  } catch {
    return ' (not JSON)';
  }
}

/** Latencies of the answers that were as expected, and counts of the others by op and reason. */
export class OpRecorder<Op extends string> {
  readonly latencies = new Map<Op, number[]>();
  readonly errors: Record<string, number> = {};

  fail(op: Op, why: string): undefined {
    this.errors[`${op}: ${why}`] = (this.errors[`${op}: ${why}`] ?? 0) + 1;
    return undefined;
  }

  record(op: Op, ms: number): void {
    const list = this.latencies.get(op) ?? [];
    list.push(ms);
    this.latencies.set(op, list);
  }

  /** Runs one step, records its latency when it answers `expected`; returns the body or undefined. */
  async step(op: Op, expected: number, run: () => Promise<Answer>): Promise<string | undefined> {
    const start = performance.now();
    try {
      const { status, text } = await run();
      if (status !== expected) return this.fail(op, `HTTP ${status}${errorCode(text)}`);
      this.record(op, performance.now() - start);
      return text;
    } catch (error) {
      return this.fail(op, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
    }
  }

  summary(op: Op, elapsedS: number): OpSummary {
    const sorted = [...(this.latencies.get(op) ?? [])].sort((a, b) => a - b);
    return {
      count: sorted.length,
      perSecond: round2(sorted.length / elapsedS),
      p50Ms: round2(percentile(sorted, 0.5)),
      p95Ms: round2(percentile(sorted, 0.95)),
      p99Ms: round2(percentile(sorted, 0.99)),
    };
  }
}
