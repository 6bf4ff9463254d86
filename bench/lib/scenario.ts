/**
 * The shape of a benchmark row: a tsaio program and the anchors it is compared with. Each program
 * runs in a fresh process and prints one JSON line (see program.ts and python/common.py).
 */

/**
 * What a row measures: `ms` and `bytesPerTask` are lower-is-better, `msgsPerSec` higher-is-better.
 * Ratios are oriented by {@link higherIsBetter} so that > 1 always favours tsaio.
 */
export type Metric = 'ms' | 'bytesPerTask' | 'msgsPerSec';

/** True for a throughput metric: its ratio is tsaio / anchor rather than anchor / tsaio. */
export function higherIsBetter(metric: Metric): boolean {
  return metric === 'msgsPerSec';
}

/** A further number a row's programs print, shown next to the metric's median (e.g. CPU µs per message). */
export interface Extra {
  /** The key in the program's JSON line. */
  key: string;
  /** Its unit, as printed after the median: "µs CPU/msg". */
  unit: string;
}

/**
 * Something a program needs before it can run; a missing one makes its cell "not run". The names
 * a TypeScript program imports from src/index.js are read from its source and checked as well.
 */
export type Requirement =
  | { npm: string } // a package in node_modules
  | { python: string }; // a module importable by /usr/bin/python3

/** One program: a TypeScript file run by `node --import tsx`, or a Python file run by /usr/bin/python3. */
export interface Program {
  runtime: 'node' | 'python';
  /** Path relative to bench/. */
  file: string;
  /** Arguments after the size argument. */
  args?: string[];
  /** Node options, such as `--expose-gc`. */
  nodeFlags?: string[];
  requires?: Requirement[];
}

/** A program tsaio is compared with: CPython, the raw-Promise floor, or a peer library. */
export interface Anchor {
  name: string;
  program: Program;
  /** The ratio anchor / tsaio that BENCHMARKS.md asks for, if it names one for this anchor. */
  target?: number;
}

/** One row of the table. */
export interface Scenario {
  id: string;
  /** `{n}` stands for the size, e.g. "create {n} tasks" reads "create 100k tasks". */
  description: string;
  metric: Metric;
  /** Full size; `--quick` divides it by 10. */
  size: number;
  tsaio: Program;
  anchors: Anchor[];
  /** Further numbers every program of the row prints; their medians are shown with the metric's. */
  extras?: Extra[];
}
