/**
 * The leak suite's report: a vitest reporter (`npm run test:leaks`) that prints one row per leak
 * scenario — scenario, browser, whether its positive control saw the leak it looks for, direct
 * connections (or other leak signals) counted while protected, verdict — and writes the same rows
 * to artifacts/leak-report.json (the figures in docs/security.md come from there).
 *
 * Tests attach their figures with `recordLeak(task, {...})` (vitest `context.task.meta.leak`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Reporter, TestCase, TestModule } from 'vitest/node';

export interface LeakMeta {
  browser: 'chromium' | 'firefox';
  /** The oracle saw the leak when protection was off (or on a bypassed host). */
  positiveControl: boolean | 'n/a';
  /** Leak signals while protected: direct TCP connections, local resolutions, STUN datagrams… */
  directConnections: number;
  /** Anything worth a column: loads, timings, 407 counts. */
  note?: string;
}

declare module 'vitest' {
  interface TaskMeta {
    leak?: LeakMeta;
  }
}

/** Attaches a scenario's figures to the running test (merged with what was recorded before). */
export function recordLeak(
  task: { meta: { leak?: LeakMeta } },
  meta: Partial<LeakMeta> & Pick<LeakMeta, 'browser'>,
): void {
  task.meta.leak = { positiveControl: false, directConnections: 0, ...task.meta.leak, ...meta };
}

interface Row {
  scenario: string;
  browser: string;
  positiveControl: string;
  direct: string;
  verdict: string;
  ms: number;
  note: string;
}

export default class LeakReporter implements Reporter {
  #rows: Row[] = [];

  onTestCaseResult(testCase: TestCase): void {
    // Only the leak suite's scenarios (the reporter also runs in the whole e2e run of `npm test`).
    if (!testCase.module.moduleId.includes('/leaks/')) return;
    const meta = testCase.meta().leak;
    const result = testCase.result();
    const ms = Math.round(testCase.diagnostic()?.duration ?? 0);
    const file = testCase.module.moduleId.split('/').pop() ?? '';
    // A scenario written once for both browsers names its browser in its describe block.
    const browser =
      meta?.browser ?? (file.includes('firefox') || /^firefox\b/i.test(testCase.fullName) ? 'firefox' : 'chromium');
    const error = result.state === 'failed' ? (result.errors?.[0]?.message ?? '') : '';
    const verdict =
      result.state === 'passed' && testCase.options.fails
        ? 'known limitation (it.fails)'
        : result.state === 'passed'
          ? 'pass'
          : result.state === 'skipped'
            ? 'skipped'
            : /oracle blind/i.test(error)
              ? 'ORACLE BLIND'
              : 'LEAK/FAIL';
    this.#rows.push({
      scenario: testCase.name,
      browser,
      positiveControl: meta ? String(meta.positiveControl) : '-',
      direct: meta ? String(meta.directConnections) : '-',
      verdict,
      ms,
      note: meta?.note ?? (error ? error.split('\n')[0]!.slice(0, 80) : ''),
    });
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>): void {
    if (!this.#rows.length) return;
    const head: Row = {
      scenario: 'scenario',
      browser: 'browser',
      positiveControl: 'positive control',
      direct: 'direct',
      verdict: 'verdict',
      ms: 0,
      note: 'note',
    };
    const cols: (keyof Row)[] = ['scenario', 'browser', 'positiveControl', 'direct', 'verdict', 'ms', 'note'];
    const cell = (row: Row, c: keyof Row) => (row === head && c === 'ms' ? 'ms' : String(row[c]));
    const width = (c: keyof Row) => Math.min(70, Math.max(...[head, ...this.#rows].map((r) => cell(r, c).length)));
    const line = (row: Row) => cols.map((c) => cell(row, c).slice(0, 70).padEnd(width(c))).join(' | ');
    const out = [line(head), cols.map((c) => '-'.repeat(width(c))).join('-|-'), ...this.#rows.map(line)];
    const passed = this.#rows.filter((r) => r.verdict === 'pass' || r.verdict.startsWith('known')).length;
    console.log(`\nLeak suite: ${passed}/${this.#rows.length} scenarios pass\n${out.join('\n')}\n`);
    try {
      mkdirSync('artifacts', { recursive: true });
      writeFileSync('artifacts/leak-report.json', JSON.stringify(this.#rows, null, 2));
    } catch {
      // the table above is the report; the file is a convenience
    }
  }
}
