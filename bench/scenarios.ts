/**
 * The benchmark registry: one entry per row of BENCHMARKS.md. A new row (E1–E4, N1, H1) is its
 * programs plus one entry here.
 */
import type { Anchor, Program, Scenario } from './lib/scenario.js';
import { executorScenarios } from './scenarios-executors.js';

/** A tsaio scenario program in bench/scenarios/. */
function tsaio(file: string, nodeFlags?: string[]): Program {
  return { runtime: 'node', file: `scenarios/${file}`, nodeFlags };
}

/** The same scenario on CPython's standard asyncio loop. */
function asyncio(file: string, target?: number): Anchor {
  return { name: 'CPython asyncio', program: { runtime: 'python', file: `python/${file}` }, target };
}

/** The same scenario on CPython with uvloop. */
function uvloop(file: string, target?: number): Anchor {
  return {
    name: 'CPython + uvloop',
    program: { runtime: 'python', file: `python/${file}`, args: ['--uvloop'], requires: [{ python: 'uvloop' }] },
    target,
  };
}

/** A raw-Promise floor or a peer library, written in TypeScript in bench/anchors/. */
function node(name: string, file: string, npm?: string, target?: number): Anchor {
  const requires = npm ? [{ npm }] : [];
  return { name, program: { runtime: 'node', file: `anchors/${file}`, requires }, target };
}

export const scenarios: Scenario[] = [
  {
    id: 'S1',
    description: 'create {n} tasks, each sleep(0), gather',
    metric: 'ms',
    size: 100_000,
    tsaio: tsaio('s1-gather.ts'),
    anchors: [asyncio('s1_gather.py'), uvloop('s1_gather.py', 1.5), node('floor: Promise.all', 's1-promise-all.ts')],
  },
  {
    id: 'S2',
    description: 'one task, {n} sequential sleep(0)',
    metric: 'ms',
    size: 200_000,
    tsaio: tsaio('s2-sleep-loop.ts'),
    anchors: [asyncio('s2_sleep_loop.py'), uvloop('s2_sleep_loop.py', 1.0)],
  },
  {
    id: 'S3',
    description: 'Lock: 4 tasks × {n} acquire, sleep(0), release',
    metric: 'ms',
    size: 50_000,
    tsaio: tsaio('s3-lock.ts'),
    anchors: [
      asyncio('s3_lock.py'),
      uvloop('s3_lock.py', 1.5),
      node('peer: async-mutex', 's3-async-mutex.ts', 'async-mutex', 1 / 1.5),
    ],
  },
  {
    id: 'S4',
    description: 'Queue(100): 1 producer, 1 consumer, {n} items',
    metric: 'ms',
    size: 200_000,
    tsaio: tsaio('s4-queue.ts'),
    anchors: [asyncio('s4_queue.py'), uvloop('s4_queue.py', 1.0)],
  },
  {
    id: 'S5',
    description: 'Semaphore(10) around sleep(0), {n} tasks gathered',
    metric: 'ms',
    size: 100_000,
    tsaio: tsaio('s5-semaphore.ts'),
    anchors: [asyncio('s5_semaphore.py'), uvloop('s5_semaphore.py', 1.5), node('peer: p-limit', 's5-p-limit.ts', 'p-limit')],
  },
  {
    id: 'S6',
    description: '{n} × waitFor(coroutine returning at once, 10)',
    metric: 'ms',
    size: 100_000,
    tsaio: tsaio('s6-wait-for.ts'),
    anchors: [asyncio('s6_wait_for.py'), uvloop('s6_wait_for.py', 1.5)],
  },
  {
    id: 'S7',
    description: '{n} tasks sleep 3600 s, cancel all, gather(returnExceptions)',
    metric: 'ms',
    size: 100_000,
    tsaio: tsaio('s7-cancel.ts'),
    anchors: [asyncio('s7_cancel.py'), uvloop('s7_cancel.py', 1.5)],
  },
  {
    id: 'S8',
    description: 'RSS growth per task, {n} tasks blocked on one Event',
    metric: 'bytesPerTask',
    size: 100_000,
    tsaio: tsaio('s8-memory.ts', ['--expose-gc']),
    anchors: [asyncio('s8_memory.py', 2), uvloop('s8_memory.py')],
  },
  {
    id: 'N1',
    description: 'echo on startServer (readline, write, drain): {n} 100-byte lines, 100 conns ping-pong',
    metric: 'msgsPerSec',
    size: 150_000,
    tsaio: tsaio('n1-echo-server.ts'),
    anchors: [
      node('floor: raw node:net', 'n1-net-echo.ts', undefined, 0.85),
      uvloop('n1_echo.py', 1.0),
      asyncio('n1_echo.py', 2.5),
    ],
    // Server CPU per message is steadier than throughput on 2 cores; client busy near 1 means the client was the limit.
    extras: [
      { key: 'serverCpuUsPerMsg', unit: 'µs server CPU/msg' },
      { key: 'clientBusy', unit: 'client busy' },
    ],
  },
  {
    id: 'H1',
    description: 'ClientSession: {n} GETs to a local HTTP server, 100 in flight, bodies read',
    metric: 'ms',
    size: 10_000,
    tsaio: tsaio('h1-client-session.ts'),
    anchors: [
      node('floor: undici.request', 'h1-undici-request.ts', 'undici', 0.85),
      node('peer: Node fetch', 'h1-fetch.ts', 'undici'),
      {
        name: 'CPython aiohttp',
        program: { runtime: 'python', file: 'python/h1_aiohttp.py', requires: [{ python: 'aiohttp' }] },
      },
      {
        name: 'CPython aiohttp + uvloop',
        program: {
          runtime: 'python',
          file: 'python/h1_aiohttp.py',
          args: ['--uvloop'],
          requires: [{ python: 'aiohttp' }, { python: 'uvloop' }],
        },
        target: 1.5,
      },
    ],
  },
  ...executorScenarios,
];
