import { totalOf, type RuleScore, type Tally } from './scoring';

const COLUMNS: readonly [string, (s: Tally & { rule: string }) => string][] = [
  ['rule', (s) => s.rule],
  ['injected', (s) => String(s.injected)],
  ['true positives', (s) => String(s.truePositives)],
  ['false positives', (s) => String(s.falsePositives)],
  ['missed', (s) => String(s.missed)],
  ['precision', (s) => fraction(s.precision)],
  ['recall', (s) => fraction(s.recall)],
];

/** A Markdown table, a row per rule and a total; an undefined ratio (0/0) shows as "—". */
export function renderScores(scores: readonly RuleScore[]): string {
  const rows = [...scores, { ...totalOf(scores), rule: 'all rules' }].map((s) => COLUMNS.map(([, cell]) => cell(s)));
  const widths = COLUMNS.map(([title], i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  // numbers right-aligned, the rule name left
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  return [
    line(COLUMNS.map(([title]) => title)),
    `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 2)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

export function fraction(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}
