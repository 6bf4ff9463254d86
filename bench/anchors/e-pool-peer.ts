/**
 * E1–E4 peers: piscina, tinypool and workerpool doing what the tsaio programs do, with 2 worker
 * threads and plain-JavaScript worker files (so no TypeScript loader runs in their workers).
 *
 * Usage: `e-pool-peer.ts SIZE PEER SCENARIO` with PEER `piscina` | `tinypool` | `workerpool` and
 * SCENARIO `e1` | `e2` | `e3` | `e4`. The peers are imported by name at run time, so this file
 * type-checks without them installed (the harness reports "not run" then).
 */
import assert from 'node:assert/strict';
import { report, sizeArg } from '../lib/program.js';

/** The one operation every peer offers: run a job in a worker. */
interface Peer {
  add(a: number, b: number): Promise<number>;
  count(n: number): Promise<number>;
  close(): Promise<unknown>;
}

const peerJobs = new URL('./workers/peer-jobs.mjs', import.meta.url);
const workerpoolJobs = new URL('./workers/workerpool-jobs.cjs', import.meta.url);

async function load(name: string): Promise<any> {
  const mod = await import(name);
  return mod.default ?? mod;
}

async function makePeer(name: string): Promise<Peer> {
  if (name === 'piscina' || name === 'tinypool') {
    const mod = await import(name);
    const Pool = name === 'piscina' ? (mod.Piscina ?? mod.default) : (mod.Tinypool ?? mod.default);
    const pool = new Pool({ filename: peerJobs.href, minThreads: 2, maxThreads: 2 });
    return {
      add: (a, b) => pool.run({ op: 'add', a, b }),
      count: (n) => pool.run({ op: 'count', a: n }),
      close: () => pool.destroy(),
    };
  }
  if (name === 'workerpool') {
    const workerpool = await load('workerpool');
    const pool = workerpool.pool(workerpoolJobs.pathname, { minWorkers: 2, maxWorkers: 2, workerType: 'thread' });
    return {
      add: (a, b) => pool.exec('add', [a, b]),
      count: (n) => pool.exec('count', [n]),
      close: () => pool.terminate(),
    };
  }
  throw new TypeError(`unknown peer ${name}`);
}

async function measure(n: number, name: string, scenario: string): Promise<number> {
  if (scenario === 'e4') {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      const peer = await makePeer(name);
      assert.equal(await peer.add(i, 1), i + 1);
      times.push(performance.now() - start);
      await peer.close();
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)]!;
  }
  const peer = await makePeer(name);
  await Promise.all([peer.add(0, 0), peer.add(0, 0)]);
  const start = performance.now();
  if (scenario === 'e1') {
    const results = await Promise.all(Array.from({ length: n }, (_, i) => peer.add(i, 1)));
    assert.equal(results[n - 1], n);
  } else if (scenario === 'e2') {
    let last = 0;
    for (let i = 0; i < n; i++) last = await peer.add(i, 1);
    assert.equal(last, n);
  } else if (scenario === 'e3') {
    const results = await Promise.all([0, 1, 2, 3].map(() => peer.count(n)));
    assert.deepEqual(results, [n, n, n, n]);
  } else {
    throw new TypeError(`unknown scenario ${scenario}`);
  }
  const ms = performance.now() - start;
  await peer.close();
  return ms;
}

const n = sizeArg();
const [name = '', scenario = ''] = process.argv.slice(3);
report({ ms: await measure(n, name, scenario) });
