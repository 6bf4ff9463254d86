/**
 * The executor rows of BENCHMARKS.md (E1–E4), for the registry in scenarios.ts:
 * `export const scenarios: Scenario[] = [...,  ...executorScenarios];`
 *
 * Peers (piscina, tinypool, workerpool) run from `anchors/e-pool-peer.ts` with plain-JavaScript
 * worker files; each is "not run" until it is installed as a devDependency. CPython's pools
 * (`concurrent.futures`, 2 process workers) are there for context, without a target.
 */
import type { Anchor, Program, Scenario } from './lib/scenario.js';

function tsaio(file: string): Program {
  return { runtime: 'node', file: `scenarios/${file}` };
}

function peer(name: 'piscina' | 'tinypool' | 'workerpool', scenario: string, target?: number): Anchor {
  return {
    name: `peer: ${name}`,
    program: { runtime: 'node', file: 'anchors/e-pool-peer.ts', args: [name, scenario], requires: [{ npm: name }] },
    target,
  };
}

function cpython(scenario: string): Anchor {
  return { name: 'CPython ProcessPoolExecutor', program: { runtime: 'python', file: 'python/e_pools.py', args: [scenario] } };
}

export const executorScenarios: Scenario[] = [
  {
    id: 'E1',
    description: '{n} tiny jobs submitted at once, all awaited, 2 thread workers',
    metric: 'ms',
    size: 100_000,
    tsaio: tsaio('e1-tiny-jobs.ts'),
    anchors: [peer('piscina', 'e1', 5), peer('tinypool', 'e1'), peer('workerpool', 'e1'), cpython('e1')],
  },
  {
    id: 'E2',
    description: '{n} jobs one at a time (submit, await, repeat): round-trip latency',
    metric: 'ms',
    size: 10_000,
    tsaio: tsaio('e2-round-trip.ts'),
    anchors: [peer('piscina', 'e2', 1), peer('tinypool', 'e2'), peer('workerpool', 'e2'), cpython('e2')],
  },
  {
    id: 'E3',
    description: '4 × count to {n} on 2 thread workers; ratio = speed-up over the same counts in sequence',
    metric: 'ms',
    size: 200_000_000,
    tsaio: tsaio('e3-cpu.ts'),
    anchors: [
      { name: 'floor: the 4 counts in sequence, one thread', program: { runtime: 'node', file: 'anchors/e3-sequential.ts' }, target: 1.9 },
      peer('piscina', 'e3'),
    ],
  },
  {
    id: 'E4',
    description: 'cold start: new 2-thread pool to its first result (median of {n})',
    metric: 'ms',
    size: 10,
    tsaio: tsaio('e4-cold-start.ts'),
    anchors: [peer('piscina', 'e4', 1), peer('tinypool', 'e4'), peer('workerpool', 'e4'), cpython('e4')],
  },
];
