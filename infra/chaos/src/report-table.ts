import type { ScenarioResult } from './run-scenario';

const COLUMNS: readonly [string, (r: ScenarioResult['rounds'][number]) => string][] = [
  ['round', (r) => String(r.round)],
  ['fault', (r) => r.fault],
  ['requests accepted', (r) => String(r.accepted)],
  ['refused', (r) => String(r.refused)],
  ['unknown', (r) => String(r.unknown)],
  ['retries', (r) => String(r.retries)],
  ['500s', (r) => String(r.internalErrors)],
  ['ledger postings', (r) => String(r.ledgerPostings)],
  ['events expected', (r) => String(r.eventsExpected)],
  ['on topic (unique)', (r) => String(r.eventsOnTopic)],
  ['lost', (r) => String(r.eventsLost)],
  ['duplicates', (r) => String(r.duplicates)],
  ['batches without full acks', (r) => String(r.unprovenBatches)],
  ['money conserved', (r) => (r.moneyProblems.length ? `NO: ${r.moneyProblems.join('; ')}` : 'yes')],
  ['recovered in', (r) => `${(r.recoverMs / 1000).toFixed(1)} s`],
];

/** One Markdown table per scenario, a row per round; counts are cumulative, so the last row is the total. */
export function renderScenario(result: ScenarioResult): string {
  const rows = result.rounds.map((round) => COLUMNS.map(([, cell]) => cell(round)));
  const widths = COLUMNS.map(([title], i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    `### ${result.scenario.title}`,
    '',
    line(COLUMNS.map(([title]) => title)),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}
