/** Renders the results as the one text table `npm run bench` prints. */
import type { Metric } from './scenario.js';
import type { Outcome, ScenarioResult } from './measure.js';

/** The table: one line per anchor, the scenario and its tsaio median on the first; then why any cell is empty. */
export function renderTable(results: ScenarioResult[]): string {
  const header = ['id', 'scenario', 'tsaio', 'anchor', 'anchor median', 'ratio', 'target'];
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const result of results) {
    const tsaio = cell(result.tsaio, result.metric);
    if (result.tsaio.status !== 'ok') notes.push(`${result.id} tsaio ${result.tsaio.status}: ${result.tsaio.reason}`);
    const lead = [result.id, result.description, tsaio];
    if (result.anchors.length === 0) rows.push(lead);
    result.anchors.forEach((anchor, i) => {
      const first = i === 0 ? lead : ['', '', ''];
      rows.push([...first, anchor.name, cell(anchor.outcome, result.metric), times(anchor.ratio), target(anchor.ratio, anchor.target)]);
      if (anchor.outcome.status !== 'ok') notes.push(`${result.id} ${anchor.name} ${anchor.outcome.status}: ${anchor.outcome.reason}`);
    });
  }
  const lines = columns([header, ...rows], [false, false, true, false, true, true, false]);
  return [...lines, ...(notes.length ? ['', ...notes] : [])].join('\n');
}

function cell(outcome: Outcome, metric: Metric): string {
  if (outcome.status !== 'ok') return outcome.status;
  const value = outcome.median;
  const extras = (outcome.extras ?? []).map(({ extra, median }) => `, ${fixed(median)} ${extra.unit}`).join('');
  if (metric === 'bytesPerTask') return `${Math.round(value)} B/task${extras}`;
  if (metric === 'msgsPerSec') return `${(value / 1000).toFixed(1)}k msgs/s${extras}`;
  return `${fixed(value)} ms${extras}`;
}

function fixed(value: number): string {
  return value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2);
}

function times(ratio: number | undefined): string {
  return ratio === undefined ? '—' : `${ratio.toFixed(2)}×`;
}

function target(ratio: number | undefined, wanted: number | undefined): string {
  if (wanted === undefined) return '';
  const mark = ratio === undefined ? '' : ratio >= wanted ? ' ✓' : ' ✗';
  return `≥ ${wanted.toFixed(2)}×${mark}`;
}

/** Pads cells into aligned columns, with a rule under the header row. */
function columns(rows: string[][], rightAligned: boolean[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((text, c) => (rightAligned[c] ? text.padStart(widths[c]) : text.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)];
}
