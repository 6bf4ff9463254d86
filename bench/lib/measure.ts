/**
 * Measures one scenario: its tsaio program and every anchor, interleaved run by run so that a
 * slow patch of a shared machine hits all of them alike, each run in a fresh process.
 */
import { runChild, type Output } from './child.js';
import { missingRequirement } from './requirements.js';
import { higherIsBetter, type Extra, type Program, type Scenario } from './scenario.js';

/** The medians of one program: measured, "not run" (something it needs is missing) or "failed". */
export type Outcome =
  | { status: 'ok'; median: number; samples: Output[]; extras?: { extra: Extra; median: number }[] }
  | { status: 'not run' | 'failed'; reason: string };

/** One anchor's outcome and its ratio anchor / tsaio (> 1: tsaio is better), when both ran. */
export interface AnchorResult {
  name: string;
  outcome: Outcome;
  ratio?: number;
  target?: number;
}

/** Everything measured for one scenario. */
export interface ScenarioResult {
  id: string;
  /** With the size run in place of `{n}`. */
  description: string;
  metric: Scenario['metric'];
  size: number;
  tsaio: Outcome;
  anchors: AnchorResult[];
}

/** How to measure: runs per program, the size to pass, and a time limit per run. */
export interface MeasureOptions {
  runs: number;
  size: number;
  timeoutSeconds: number;
  /** Called before each run, for progress output. */
  onRun?: (label: string) => void;
}

/** Runs every program of `scenario` `runs` times, interleaved, and takes medians. */
export function measureScenario(scenario: Scenario, options: MeasureOptions): ScenarioResult {
  const slots = [{ name: 'tsaio', program: scenario.tsaio }, ...scenario.anchors].map(({ name, program }) => {
    const reason = missingRequirement(program);
    const failure: Outcome | undefined = reason ? { status: 'not run', reason } : undefined;
    return { name, program, failure, samples: [] as Output[] };
  });
  for (let run = 1; run <= options.runs; run++) {
    for (const slot of slots.filter((s) => !s.failure)) {
      options.onRun?.(`${scenario.id} ${slot.name} ${run}/${options.runs}`);
      try {
        slot.samples.push(runOnce(slot.program, scenario.metric, options));
      } catch (error) {
        slot.failure = { status: 'failed', reason: (error as Error).message };
      }
    }
  }
  const [tsaio, ...anchors] = slots.map(
    (slot): Outcome =>
      slot.failure ?? {
        status: 'ok',
        median: median(slot.samples.map((s) => s[scenario.metric])),
        samples: slot.samples,
        extras: scenario.extras?.map((extra) => ({ extra, median: median(slot.samples.map((s) => s[extra.key])) })),
      },
  );
  return {
    id: scenario.id,
    description: describe(scenario.description, options.size),
    metric: scenario.metric,
    size: options.size,
    tsaio,
    anchors: scenario.anchors.map((anchor, i) => ({
      name: anchor.name,
      outcome: anchors[i],
      ratio: ratio(anchors[i], tsaio, higherIsBetter(scenario.metric)),
      target: anchor.target,
    })),
  };
}

/** One run of `program`; throws when it fails or does not report `metric`. */
function runOnce(program: Program, metric: Scenario['metric'], options: MeasureOptions): Output {
  const output = runChild(program, options.size, options.timeoutSeconds);
  if (!Number.isFinite(output[metric])) {
    throw new Error(`${program.file} reported no ${metric}: ${JSON.stringify(output)}`);
  }
  return output;
}

/** The description with `{n}` replaced by the size, such as "100k". */
function describe(description: string, size: number): string {
  const n = size % 1000 === 0 ? `${size / 1000}k` : String(size);
  return description.replace('{n}', n);
}

/** anchor / tsaio, or tsaio / anchor for a higher-is-better metric: > 1 favours tsaio either way. */
function ratio(anchor: Outcome, tsaio: Outcome, higher: boolean): number | undefined {
  if (anchor.status !== 'ok' || tsaio.status !== 'ok') return undefined;
  return higher ? tsaio.median / anchor.median : anchor.median / tsaio.median;
}

/** The middle value (mean of the two middle ones for an even count). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
