/** The rows as a text table (terminal) or a Markdown table (docs). */
import type { Row } from './stats';

const HEAD = ['measure', 'figure', 'value', 'baseline', 'ratio', 'runs', 'goal', 'result'];

function cells(row: Row): string[] {
  const unit = row.unit === 'x' ? 'x' : ` ${row.unit}`;
  return [
    row.measure,
    row.name + (row.note ? ` (${row.note})` : ''),
    `${row.value}${unit}`,
    row.baseline === undefined ? '' : `${row.baseline}${unit}`,
    row.ratio === undefined ? '' : `${row.ratio}x`,
    row.runs === undefined ? '' : String(row.runs),
    row.goal ?? '',
    row.pass === undefined ? '' : row.pass ? 'PASS' : 'FAIL',
  ];
}

export function textTable(rows: readonly Row[]): string {
  const body = rows.map(cells);
  const widths = HEAD.map((h, i) => Math.min(70, Math.max(h.length, ...body.map((r) => r[i]!.length))));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(HEAD), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function markdownTable(rows: readonly Row[]): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  return [
    `| ${HEAD.join(' | ')} |`,
    `| ${HEAD.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`),
  ].join('\n');
}
