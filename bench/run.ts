/**
 * The benchmark harness: `npm run bench [-- --quick] [S1 S2 …]`.
 *
 * Runs each scenario of scenarios.ts and its anchors several times, interleaved, each run in a
 * fresh process; prints one table of medians and ratios and writes bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeEnvironment } from './lib/environment.js';
import { measureScenario } from './lib/measure.js';
import { benchDir } from './lib/paths.js';
import { renderTable } from './lib/table.js';
import { scenarios } from './scenarios.js';

const { values, positionals } = parseArgs({
  options: { quick: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const quick = values.quick;
const wanted = positionals.map((id) => id.toUpperCase());
const unknown = wanted.filter((id) => !scenarios.some((s) => s.id === id));
if (unknown.length) {
  console.error(`unknown scenario ${unknown.join(', ')}; known: ${scenarios.map((s) => s.id).join(' ')}`);
  process.exit(2);
}
const selected = wanted.length ? scenarios.filter((s) => wanted.includes(s.id)) : scenarios;
const runs = quick ? 3 : 5;

/** Rewrites one status line on a terminal; says nothing when stderr is a file or a pipe. */
function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
}

const environment = describeEnvironment();
const results = selected.map((scenario) =>
  measureScenario(scenario, {
    runs,
    size: quick ? Math.max(1, Math.round(scenario.size / 10)) : scenario.size,
    timeoutSeconds: quick ? 60 : 300,
    onRun: progress,
  }),
);
progress('');

console.log(`tsaio benchmarks: ${quick ? 'QUICK, sizes ÷ 10' : 'full sizes'}; median of ${runs} runs, each in a fresh process`);
console.log(`Node ${environment.node} · CPython ${environment.python}, uvloop ${environment.uvloop} · ${environment.cpu} × ${environment.cores} cores`);
console.log('ratio = anchor median / tsaio median (N1 msgs/s: tsaio / anchor), from this run: > 1 means tsaio is better\n');
console.log(renderTable(results));

const resultsDir = join(benchDir, 'results');
mkdirSync(resultsDir, { recursive: true });
const file = join(resultsDir, 'latest.json');
writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), quick, runs, environment, results }, null, 2)}\n`);
console.log(`\nwritten: ${file}`);
