// Prints the fault matrix (case, runs, converged, duplicates, lost) once the
// whole run ends, from the rows the fault tests record on their tasks. Runs
// without fault tests print nothing.
import type { Reporter, TestModule } from 'vitest/node';
import type { MatrixRow } from './matrix';

function table(rows: (MatrixRow & { passed: boolean; ms: number })[]): string {
  const head = ['case', 'runs', 'converged', 'duplicates', 'lost', 'test', 'seconds', 'how'];
  const body = rows.map((r) => [r.case, String(r.runs), r.converged ? 'yes' : 'NO', String(r.duplicates), String(r.lost), r.passed ? 'pass' : 'FAIL', (r.ms / 1000).toFixed(1), r.note ?? '']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

export default class MatrixReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const rows: (MatrixRow & { passed: boolean; ms: number })[] = [];
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const row = t.meta().matrix;
        if (row) rows.push({ ...row, passed: t.result().state === 'passed', ms: t.diagnostic()?.duration ?? 0 });
      }
    }
    if (!rows.length) return;
    const total = rows.reduce((n, r) => n + r.ms, 0);
    process.stdout.write(`\nFault matrix (${rows.length} cases, ${(total / 1000).toFixed(1)} s of test time)\n${table(rows)}\n\n`);
  }
}
