/**
 * Runs every example in examples/ and checks its output against what the book shows: the order
 * of the lines, the values, and for timing examples the loop time at which each line was printed.
 * Examples that only sleep run on the virtual clock (exact times, no real waiting); examples that
 * do I/O run for real with small delays, and only their order and values are checked.
 */
import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { getRunningLoop, newEventLoop, run, type RunOptions } from '../src/index.js';
import { VirtualClock, runVirtual } from '../src/testing/index.js';
import { listExamples } from '../examples/catalog.js';

interface Line {
  /** The loop time when the line was printed (null outside a loop). */
  t: number | null;
  text: string;
}

interface Captured<T> {
  lines: Line[];
  /** Just the texts. */
  out: string[];
  result: T;
}

// console.log and console.error are routed to the capture of the test whose code is printing
// (found through AsyncLocalStorage), so that tests doing real I/O can run concurrently.
const captureStore = new AsyncLocalStorage<Line[]>();
const originalLog = console.log;
const originalError = console.error;
function route(original: (...args: unknown[]) => void) {
  return (...args: unknown[]): void => {
    const lines = captureStore.getStore();
    if (lines === undefined) return original(...args);
    let t: number | null = null;
    try {
      t = getRunningLoop().time();
    } catch {
      t = null;
    }
    for (const text of format(...args).split('\n')) lines.push({ t, text });
  };
}
console.log = route(originalLog);
console.error = route(originalError);

/** Runs `body` with its console.log/console.error output captured, each line stamped with the loop time. */
async function capture<T>(body: () => Promise<T>): Promise<Captured<T>> {
  const lines: Line[] = [];
  const result = await captureStore.run(lines, body);
  return { lines, out: lines.map((l) => l.text), result };
}

const tested = new Set<string>();

// Compile and load every example first: loading modules blocks the thread, and would otherwise
// stall the loops of the tests already running concurrently.
before(async () => {
  for (const e of listExamples()) await import(pathToFileURL(e.file).href);
});

/** Imports an example, recording that the suite covers it. */
async function load<M>(name: string): Promise<M> {
  tested.add(name);
  return (await import(`../examples/${name}.js`)) as M;
}

type Main = (...args: any[]) => unknown;

/** Runs an example's `main` on the virtual clock. */
async function virtual(name: string, call: (m: Main) => unknown = (m) => m(), opts: RunOptions = {}): Promise<Captured<unknown>> {
  const mod = await load<{ main: Main }>(name);
  return capture(() => runVirtual(() => call(mod.main), opts));
}

/** Runs an example's `main` for real. */
async function real(name: string, call: (m: Main) => unknown = (m) => m(), opts: RunOptions = {}): Promise<Captured<unknown>> {
  const mod = await load<{ main: Main }>(name);
  return capture(() => run(() => call(mod.main), opts));
}

/** The time at which `text` was printed (the first time). */
function timeOf(c: Captured<unknown>, text: string | RegExp, nth = 0): number | null {
  const hits = c.lines.filter((l) => (typeof text === 'string' ? l.text === text : text.test(l.text)));
  assert.ok(hits.length > nth, `line ${String(text)} #${nth} not printed; output:\n${c.out.join('\n')}`);
  return hits[nth]!.t;
}

/** `expected` appears in `out` in this order (other lines may come between). */
function assertSubsequence(out: string[], expected: (string | RegExp)[]): void {
  let i = 0;
  for (const line of out) {
    const e = expected[i];
    if (e === undefined) break;
    if (typeof e === 'string' ? line === e : e.test(line)) i++;
  }
  assert.equal(i, expected.length, `expected, in order:\n${expected.join('\n')}\nmissing ${String(expected[i])}\ngot:\n${out.join('\n')}`);
}

const S = (n: number): string => `sleeping for ${n} second(s)`;
const F = (n: number): string => `finished sleeping for ${n} second(s)`;

describe('chapter 1', { concurrency: true }, () => {
  test('hello-process: a child process with its own pid', async () => {
    tested.add('ch01/hello-process');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'examples/ch01/hello-process.ts'], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 2, r.stdout);
    const parent = /^Hello from parent process (\d+)$/.exec(lines.find((l) => l.includes('parent')) ?? '');
    const child = /^Hello from child process (\d+)!$/.exec(lines.find((l) => l.includes('child')) ?? '');
    assert.ok(parent && child, r.stdout);
    assert.notEqual(parent[1], child[1]);
  });

  test('threads-http: two threads, both requests overlap', async () => {
    const c = await real('ch01/threads-http', (m) => m(1.5));
    assert.equal(c.out[0], 'All threads running!');
    assert.deepEqual(c.out.slice(1, 3), ['200', '200']);
    assert.match(c.out[3]!, /^Running with threads took \d+\.\d{4} seconds\.$/);
    // The server saw both requests at the same time.
    assert.equal((c.result as { maxConcurrent: number }).maxConcurrent, 2);
  });
});

describe('chapter 2', () => {
  test('coroutine-add-one: a coroutine object, then its result', async () => {
    const mod = await load<{ main: () => Promise<number> }>('ch02/coroutine-add-one');
    const c = await capture(() => mod.main());
    assert.deepEqual(c.out, ['<coroutine coroutineAddOne()>', '2']);
    assert.equal(c.result, 2);
  });

  test('await-add-one', async () => {
    const c = await virtual('ch02/await-add-one');
    assert.deepEqual(c.out, ['2', '3']);
  });

  test('coroutine-not-awaited: calling sleep without await does nothing', async () => {
    const c = await virtual('ch02/coroutine-not-awaited');
    assert.deepEqual(c.out, ['<coroutine helloWorldMessage()>']);
    assert.equal(c.lines[0]!.t, 0);
  });

  test('await-is-sequential: both results after 1 s', async () => {
    const c = await virtual('ch02/await-is-sequential');
    assert.deepEqual(c.out, [S(1), F(1), '2', 'Hello World!']);
    assert.equal(timeOf(c, '2'), 1);
  });

  test('create-task: returns at once, result after 3 s', async () => {
    const c = await virtual('ch02/create-task');
    assert.deepEqual(c.out, ['Task', S(3), F(3), '3']);
    assert.equal(timeOf(c, 'Task'), 0);
    assert.equal(timeOf(c, '3'), 3);
  });

  test('three-tasks-concurrently: three delay(3) finish at t = 3, not 9', async () => {
    const c = await virtual('ch02/three-tasks-concurrently');
    assert.deepEqual(c.out, [S(3), S(3), S(3), F(3), F(3), F(3)]);
    for (const l of c.lines.slice(3)) assert.equal(l.t, 3);
  });

  test('hello-every-second: other code runs while the tasks sleep', async () => {
    const c = await virtual('ch02/hello-every-second');
    const hello = "I'm running other code while I'm waiting!";
    assert.deepEqual(c.out, [S(3), S(3), hello, hello, F(3), F(3)]);
    assert.deepEqual(c.lines.map((l) => l.t), [0, 0, 1, 2, 3, 3]);
  });

  test('cancel-after-5s', async () => {
    const c = await virtual('ch02/cancel-after-5s');
    const check = 'Task not finished, checking again in a second.';
    assert.deepEqual(c.out, [check, S(10), check, check, check, check, check, 'Our task was cancelled']);
    // Cancelled at t = 5; the loop checks once more (the task is not done yet) and sees it at t = 6, as in Python.
    assert.equal(timeOf(c, 'Our task was cancelled'), 6);
  });

  test('wait-for-timeout: the task is cancelled after 1 s', async () => {
    const c = await virtual('ch02/wait-for-timeout');
    assert.deepEqual(c.out, [S(2), 'Got a timeout!', 'Was the task cancelled? true']);
    assert.equal(timeOf(c, 'Got a timeout!'), 1);
  });

  test('wait-for-shield: the timeout at 5 s does not stop the task', async () => {
    const c = await virtual('ch02/wait-for-shield');
    assert.deepEqual(c.out, [S(10), '任务已超时,但不会停止运行!', F(10), '10']);
    assert.deepEqual(c.lines.map((l) => l.t), [0, 5, 10, 10]);
  });

  test('future-basics', async () => {
    const c = await virtual('ch02/future-basics');
    assert.deepEqual(c.out, ['Is my_future done? false', 'Is my_future done? true', 'What is the result of my_future? 42']);
  });

  test('await-future: 42 after one second', async () => {
    const c = await virtual('ch02/await-future');
    assert.deepEqual(c.out, ['Is the future done? false', 'Is the future done? true', '42']);
    assert.deepEqual(c.lines.map((l) => l.t), [0, 1, 1]);
  });

  test('async-timed: delay(2) and delay(3) overlap, main takes 3 s', async () => {
    const c = await virtual('ch02/async-timed');
    assert.deepEqual(c.out, [
      'starting main with args ()',
      'starting delay with args (2)',
      S(2),
      'starting delay with args (3)',
      S(3),
      F(2),
      'finished delay in 2.0000 second(s)',
      F(3),
      'finished delay in 3.0000 second(s)',
      'finished main in 3.0000 second(s)',
    ]);
  });

  test('cpu-bound-pitfall: the two counting tasks run one after the other', async () => {
    const c = await real('ch02/cpu-bound-pitfall', (m) => m(2_000_000));
    assert.deepEqual(
      c.out.map((l) => l.replace(/\d+\.\d{4}/, 'T')),
      [
        'starting main with args (2000000)',
        'starting cpuBoundWork with args (2000000)',
        'finished cpuBoundWork in T second(s)',
        'starting cpuBoundWork with args (2000000)',
        'finished cpuBoundWork in T second(s)',
        'finished main in T second(s)',
      ],
    );
  });

  test('cpu-bound-with-delay: delay(4) starts only after the counting', async () => {
    const c = await virtual('ch02/cpu-bound-with-delay', (m) => m(2_000_000));
    assert.deepEqual(c.out.slice(1, 7).map((l) => l.replace(/\d+\.\d{4}/, 'T')), [
      'starting cpuBoundWork with args (2000000)',
      'finished cpuBoundWork in T second(s)',
      'starting cpuBoundWork with args (2000000)',
      'finished cpuBoundWork in T second(s)',
      S(4),
      F(4),
    ]);
    assert.equal(c.out.at(-1), 'finished main in 4.0000 second(s)');
  });

  test('blocking-io-pitfall: blocking requests run one after the other', async () => {
    const c = await real('ch02/blocking-io-pitfall');
    const shape = c.out.map((l) => l.replace(/\d+\.\d{4}/, 'T').replace(/'http:\/\/127\.0\.0\.1:\d+\/'/, 'URL'));
    const start = 'starting getExampleStatus with args (URL)';
    const finish = 'finished getExampleStatus in T second(s)';
    assert.deepEqual(shape, ['starting main with args ()', start, finish, start, finish, start, finish, 'finished main in T second(s)']);
    assert.deepEqual(c.result, [200, 200, 200]);
  });

  test('manual-event-loop: runUntilComplete, then close', async () => {
    const mod = await load<{ main: (loop: unknown) => Promise<void> }>('ch02/manual-event-loop');
    const loop = newEventLoop({ clock: new VirtualClock() });
    const c = await capture(() => mod.main(loop));
    assert.deepEqual(c.out, ['main finished after one second', 'loop closed: true']);
    assert.equal(c.lines[0]!.t, 1);
  });

  test('call-soon: the callback runs at the next iteration', async () => {
    const c = await virtual('ch02/call-soon');
    assert.deepEqual(c.out, [S(1), "I'm being called in the future!", F(1)]);
    assert.equal(timeOf(c, "I'm being called in the future!"), 0);
  });

  /** Runs `main` with the loop's exception handler recording the debug reports' messages. */
  function withReports(reports: string[], call: (m: Main) => unknown): (m: Main) => unknown {
    return (m) => {
      getRunningLoop().setExceptionHandler((_loop, context) => void reports.push(context.message));
      return call(m);
    };
  }

  test('debug-slow-callback: debug mode reports the task that blocked the loop', async () => {
    const mod = await load<{ runOptions: RunOptions }>('ch02/debug-slow-callback');
    assert.equal(mod.runOptions.debug, true);
    const reports: string[] = [];
    const c = await real('ch02/debug-slow-callback', withReports(reports, (m) => m(300_000_000)), mod.runOptions);
    assert.match(c.out.at(-1)!, /^finished cpuBoundWork in \d+\.\d{4} second\(s\)$/);
    assert.equal(reports.length, 1, reports.join('\n'));
    assert.match(reports[0]!, /^Executing <Task finished result=300000000 name='Task-\d+' coro=cpuBoundWork\(\)> took \d+\.\d{3} seconds$/);
  });

  test('slow-callback-duration: with 0.25 s, a 0.15 s step is not reported, a 0.3 s one is', async () => {
    const mod = await load<{ runOptions: RunOptions }>('ch02/slow-callback-duration');
    const reports: string[] = [];
    const c = await real('ch02/slow-callback-duration', withReports(reports, (m) => m()), mod.runOptions);
    assert.deepEqual(c.out, ['slowCallbackDuration = 0.25']);
    assert.equal(reports.length, 1, reports.join('\n'));
    assert.match(reports[0]!, /^Executing <Task finished result=undefined name='blocks-300ms' coro=blocksFor300ms\(\)> took 0\.3\d\d seconds$/);
  });
});

describe('chapter 14', () => {
  test('is-coroutine', async () => {
    const c = await virtual('ch14/is-coroutine');
    assert.deepEqual(c.out.slice(0, 6), [
      'isCoroutine(coroutineAddOne(1)): true',
      'isCoroutine(coroutineAddOne): false',
      'isCoroutine(addOne(1)): false',
      'isCoroutineFunction(coroutineAddOne): true',
      'isCoroutineFunction(asyncAddOne): true',
      'isCoroutineFunction(addOne): false',
    ]);
    assert.deepEqual(c.result, [2, 3, 4]);
  });

  test('sleep-zero: sleep(0) lets each new task start before main goes on', async () => {
    const c = await virtual('ch14/sleep-zero');
    assert.deepEqual(c.out, [
      '--- 没有使用 asyncio.sleep(0) ---',
      '获取到任务:',
      S(1),
      S(2),
      F(1),
      F(2),
      '--- 使用 asyncio.sleep(0) ---',
      S(1),
      S(2),
      '获取到任务:',
      F(1),
      F(2),
    ]);
    assert.equal(timeOf(c, F(2)), 2);
    assert.equal(timeOf(c, F(2), 1), 4);
  });

  test('echo-server: every client gets its line back', async () => {
    const c = await real('ch14/echo-server');
    assert.deepEqual(c.result, ['hello', 'from', 'tsaio']);
    assert.match(c.out[0]!, /^serving on 127\.0\.0\.1:\d+$/);
    assert.equal(c.out.at(-1), 'server closed');
    assert.equal(c.out.filter((l) => l.startsWith('client sent')).length, 3);
  });
});

/** Output with the volatile parts replaced: durations by T, local URLs by URL. */
function shape(out: string[]): string[] {
  return out.map((l) => l.replace(/\d+\.\d{4}/g, 'T').replace(/'?http:\/\/127\.0\.0\.1:\d+\/'?/g, 'URL'));
}

/** Loop time of each line relative to the first line. */
function relTimes(c: Captured<unknown>): number[] {
  const t0 = c.lines[0]!.t!;
  return c.lines.map((l) => l.t! - t0);
}

describe('chapter 4', () => {
  test('async-context-manager: enter and leave take a second each, also on error', async () => {
    const c = await virtual('ch04/async-context-manager');
    assert.deepEqual(c.out, [
      '进入上下文管理器',
      '进入上下文管理器成功',
      '离开上下文管理器',
      '没有发生异常',
      '进入上下文管理器',
      '进入上下文管理器成功',
      '离开上下文管理器',
      '发生异常:Error: boom',
    ]);
    assert.deepEqual(c.lines.map((l) => l.t), [0, 1, 1, 2, 2, 3, 3, 4]);
  });

  test('client-session: one request, status 200', async () => {
    const c = await real('ch04/client-session');
    assert.equal(c.result, 200);
    assert.deepEqual(shape(c.out), [
      'starting main with args ()',
      'starting fetchStatus with args (<ClientSession>, URL)',
      'finished fetchStatus in T second(s)',
      'Status for URL was 200',
      'finished main in T second(s)',
    ]);
  });

  test('client-timeout: a 10 ms request timeout fires, the session one does not', async () => {
    const c = await real('ch04/client-timeout');
    assert.deepEqual(c.out, ['with the session timeout (1 s): 200', 'with a 10 ms timeout: TimeoutError']);
  });

  test('comprehension-wrong: awaiting while creating takes 9 s', async () => {
    const c = await virtual('ch04/comprehension-wrong');
    assert.deepEqual(c.out, ['starting main with args ()', S(3), F(3), S(3), F(3), S(3), F(3), 'finished main in 9.0000 second(s)']);
  });

  test('comprehension-right: create first, then await: 3 s', async () => {
    const c = await virtual('ch04/comprehension-right');
    assert.deepEqual(c.out, ['starting main with args ()', S(3), S(3), S(3), F(3), F(3), F(3), 'finished main in 3.0000 second(s)']);
  });

  test('gather-requests: results in order, concurrently', async () => {
    const c = await real('ch04/gather-requests', (m) => m(200));
    assert.deepEqual(c.result, Array(200).fill(200));
    assert.deepEqual(shape(c.out), ['starting main with args (200)', '[200, 200, 200, 200, 200, ..., 200] (200 results)', 'finished main in T second(s)']);
    // 200 requests of 50 ms one by one would take 10 s.
    const took = Number(/in (\d+\.\d+) second/.exec(c.out.at(-1)!)![1]);
    assert.ok(took < 5, `took ${took} s`);
  });

  test('sequential-requests: one at a time', async () => {
    const c = await real('ch04/sequential-requests', (m) => m(10));
    assert.deepEqual(c.result, Array(10).fill(200));
    const took = Number(/in (\d+\.\d+) second/.exec(c.out.at(-1)!)![1]);
    assert.ok(took >= 0.5, `10 sequential requests of 50 ms took only ${took} s`);
  });

  test('gather-exception: gather raises, the other request still completes', async () => {
    const c = await real('ch04/gather-exception');
    assertSubsequence(c.out, ["gather raised InvalidURL('python://example.com')", 'the other request was not cancelled: 200']);
    assert.equal(c.result, 200);
  });

  test('gather-return-exceptions: errors in the results', async () => {
    const c = await real('ch04/gather-return-exceptions');
    assertSubsequence(c.out, [
      "All results: [200, InvalidURL('python://example.com')]",
      'Finished successfully: [200]',
      "Threw exceptions: [InvalidURL('python://example.com')]",
    ]);
  });

  test('as-completed: results in completion order', async () => {
    const c = await real('ch04/as-completed', (m) => m([0.2, 0.2, 1.2]));
    assert.deepEqual(c.result, [200, 200, 200]);
    // Each 200 is printed after the request it belongs to has finished (the two 0.2 s requests
    // may finish in the same loop iteration, so their lines can pair up in either order).
    const lines = shape(c.out);
    const finished = lines.flatMap((l, i) => (l === 'finished request in T second(s)' ? [i] : []));
    const statuses = lines.flatMap((l, i) => (l === '200' ? [i] : []));
    assert.equal(finished.length, 3);
    for (let k = 0; k < 3; k++) assert.ok(statuses[k]! > finished[k]!, lines.join('\n'));
    assert.equal(lines.at(-1), 'finished main in T second(s)');
    const t = relTimes(c);
    const statusTimes = c.lines.flatMap((l, i) => (l.text === '200' ? [t[i]!] : []));
    assert.ok(statusTimes[1]! < 1.1, `second result at ${statusTimes[1]}`);
    assert.ok(statusTimes[2]! >= 1.2, `third result at ${statusTimes[2]}`);
  });

  test('as-completed-timeout: TimeoutError for the slow one, which keeps running', async () => {
    const c = await real('ch04/as-completed-timeout', (m) => m([0.2, 0.2, 2], 0.6));
    assertSubsequence(c.out, ['200', '200', '获取到一个超时错误!', /^<Task pending name='Task-\d+' coro=/]);
    const pending = c.out.filter((l) => l.startsWith('<Task pending'));
    assert.equal(pending.length, 2, c.out.join('\n'));
    // The other one is the main task (run here through a wrapper function).
    assert.ok(pending.some((l) => l.includes('coro=request()')));
  });

  test('wait-all-completed: 2 done, 0 pending, one result and one error', async () => {
    const c = await real('ch04/wait-all-completed');
    assertSubsequence(c.out, ['已完成的任务数量: 2', '阻塞的任务数量: 0']);
    assert.ok(c.out.includes('200'));
    assert.ok(c.out.includes("ERROR:root:请求异常 InvalidURL('python://bad')"));
  });

  test('wait-first-exception: returns at the error, the rest is cancelled by hand', async () => {
    const c = await real('ch04/wait-first-exception', (m) => m(2));
    assertSubsequence(c.out, ['已完成的任务数量: 1', '阻塞的任务数量: 2', "ERROR:root:请求异常 InvalidURL('python://bad.com')"]);
    assert.equal(c.out.filter((l) => /^取消任务: <Task pending name='Task-\d+' coro=fetchStatus\(\)>$/.test(l)).length, 2);
    // Cancelled at once: main does not wait for the 2 s delays.
    const took = Number(/in (\d+\.\d+) second/.exec(c.out.at(-1)!)![1]);
    assert.ok(took < 1.5, `took ${took} s`);
  });

  test('wait-first-completed: results one by one', async () => {
    const c = await real('ch04/wait-first-completed', (m) => m(0.5));
    const done = c.out.filter((l) => l.startsWith('完成任务数量: ')).map((l) => Number(l.split(': ')[1]));
    const pending = c.out.filter((l) => l.startsWith('阻塞任务数量: ')).map((l) => Number(l.split(': ')[1]));
    assert.equal(done.reduce((a, b) => a + b, 0), 3);
    assert.equal(pending.at(-1), 0);
    assert.equal(c.out.filter((l) => l === '200').length, 3);
    assert.ok(done.length >= 2, 'the slow request comes in a later pass');
  });

  test('wait-timeout: neither raises nor cancels', async () => {
    const c = await real('ch04/wait-timeout', (m) => m(0.8, 0.3));
    assertSubsequence(c.out, ['Done task count: 2', 'Pending task count: 1', '200', '200']);
    assert.equal(c.result, 1);
  });

  test('wait-coroutine-identity: coroutines are refused; tasks keep their identity', async () => {
    const c = await real('ch04/wait-coroutine-identity', (m) => m(0.6, 0.3));
    assert.match(c.out[0]!, /^wait\(\[coroutines\]\) -> TypeError: .*createTask/);
    assert.ok(c.out.includes('API B too slow, cancelling'));
  });
});

describe('chapter 6', { concurrency: true }, () => {
  test('processes-counting: two counts in parallel processes', async () => {
    const c = await real('ch06/processes-counting', (m) => m(0.01));
    assert.deepEqual(c.result, [10_000_000, 20_000_000]);
    assert.match(c.out.at(-1)!, /^Completed in \d/);
  });

  test('pool-apply', async () => {
    const c = await real('ch06/pool-apply');
    assert.deepEqual(c.out, ['Hi there, Jeff', 'Hi there, John']);
  });

  test('pool-apply-async', async () => {
    const c = await real('ch06/pool-apply-async');
    assert.deepEqual(c.out, ['Hi there, Jeff', 'Hi there, John']);
  });

  test('executor-map: results in input order', async () => {
    const c = await real('ch06/executor-map', (m) => m(20_000_000));
    assert.deepEqual(c.result, [1, 3, 20_000_000, 5, 22]);
    assert.deepEqual(c.out, ['1', '3', '20000000', '5', '22']);
  });

  test('submit-as-completed: every result, in completion order', async () => {
    const c = await real('ch06/submit-as-completed', (m) => m(20_000_000));
    assert.deepEqual([...(c.result as number[])].sort((a, b) => a - b), [1, 3, 5, 22, 20_000_000]);
    assert.deepEqual(c.out, (c.result as number[]).map(String));
  });

  test(
    'submit-as-completed: short jobs are not held up by the long one (the book: 1, 3, 5, 22, then 100000000)',
    async () => {
      const c = await real('ch06/submit-as-completed', (m) => m(300_000_000));
      assert.equal((c.result as number[]).at(-1), 300_000_000);
    },
  );

  test('run-in-executor-gather: results in input order', async () => {
    const c = await real('ch06/run-in-executor-gather', (m) => m(1_000_000));
    assert.deepEqual(c.out, ['1', '3', '5', '22', '1000000']);
  });

  test('run-in-executor-as-completed: the big count comes last', async () => {
    const c = await real('ch06/run-in-executor-as-completed', (m) => m(600_000_000)); // long enough to outlast a worker's start-up
    assert.deepEqual([...(c.result as number[])].sort((a, b) => a - b), [1, 3, 5, 22, 600_000_000]);
    assert.equal((c.result as number[]).at(-1), 600_000_000);
  });

  test('shared-value-lock: always 2', async () => {
    const c = await real('ch06/shared-value-lock', (m) => m(20));
    assert.deepEqual(c.result, Array(20).fill(2));
  });

  test('pool-initializer: the counter reaches the worker through initArgs', async () => {
    const c = await real('ch06/pool-initializer');
    assert.deepEqual(c.out, ['1']);
  });
});

describe('chapter 6: PostgreSQL', () => {
  test('postgres-per-worker-loop: workers, each with its own loop and pool, against an embedded PostgreSQL', async () => {
    const saved = process.env['DATABASE_URL'];
    delete process.env['DATABASE_URL'];
    try {
      // Two workers of 100 queries keep the test short (starting a worker process costs ~1 s).
      const c = await real('ch06/postgres-per-worker-loop', (m) => m(100, 2));
      assert.equal(c.result, 200);
      assertSubsequence(c.out, [
        /^started an embedded PostgreSQL \(PGlite\) on 127\.0\.0\.1:\d+$/,
        /^(filled the product, product_color, product_size and sku tables|the product tables are ready \(1000 products\))$/,
        'Retrieved 200 products from the product database.',
      ]);
    } finally {
      if (saved !== undefined) process.env['DATABASE_URL'] = saved;
    }
  });
});

describe('chapter 7', { concurrency: true }, () => {
  test('thread-pool-requests: pool.map without asyncio', async () => {
    const c = await real('ch07/thread-pool-requests', (m) => m(30));
    assert.deepEqual(c.result, Array(30).fill(200));
    assert.match(c.out[0]!, /^\d+ threads$/);
    assert.match(c.out[1]!, /^finished requests in \d+\.\d{4} second\(s\)$/);
  });

  for (const name of ['thread-pool-asyncio', 'default-executor', 'to-thread']) {
    test(`${name}: every request answered 200`, async () => {
      const c = await real(`ch07/${name}`, (m) => m(30));
      assert.deepEqual(c.result, Array(30).fill(200));
      assert.deepEqual(shape(c.out), ['starting main with args (30)', '[200, 200, 200, 200, 200, ..., 200] (30 results)', 'finished main in T second(s)']);
    });
  }

  test('locked-counter-reporter: progress while the threads work', async () => {
    const c = await real('ch07/locked-counter-reporter', (m) => m(20, 0.1));
    assert.deepEqual(c.result, Array(20).fill(200));
    const progress = c.out.filter((l) => l.startsWith('Finished ')).map((l) => Number(/Finished (\d+)\/20/.exec(l)![1]));
    assert.ok(progress.length >= 1);
    assert.equal(progress[0], 0);
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i]! >= progress[i - 1]!, 'the counter never goes down');
  });

  test('threadsafe: callbacks and coroutines handed in from a Node callback', async () => {
    const c = await real('ch07/threadsafe');
    assert.deepEqual(c.result, [1, 4, 9]);
    assertSubsequence(c.out, ['the loop got 1 from the worker thread', 'the loop got 2 from the worker thread', 'the loop got 3 from the worker thread']);
    assertSubsequence(c.out, ['square(1) = 1, computed on the loop', 'square(2) = 4, computed on the loop', 'square(3) = 9, computed on the loop']);
  });
});

describe('chapter 9', () => {
  test('asgi-service: cancelled on disconnect, 504 on timeout, a crashed worker is replaced', async () => {
    const c = await real('ch09/asgi-service', (m) => m(2, 0.5));
    assert.match(c.out[0]!, /^2 workers \(pids \d+, \d+\) serving on port \d+$/);
    assertSubsequence(c.out, [
      /^GET \/ -> 200 hello from worker \d+$/,
      /^GET \/ -> 200 hello from worker \d+$/,
      'GET /slow?seconds=30, and the client gives up after 0.3 s:',
      /^\[worker \d+\] handler of \/slow cancelled while sleeping \(client disconnected\)$/,
      /^\[worker \d+\] task GET \/slow\?seconds=30 cancelled after 0\.\d s: the client disconnected$/,
      'GET /slow?seconds=2.5 -> 504 timed out after 0.5 s',
      'GET /crash -> 200 crashing',
      /^worker \d+ died \(exit code 1\); starting a new one$/,
      /^worker \d+ is serving$/,
      /^GET \/ -> 200 hello from worker \d+$/,
      'cluster stopped',
    ]);
    assert.ok(c.out.some((l) => /^\[worker \d+\] task GET \/slow\?seconds=2\.5 timed out after 0\.\d s: 504$/.test(l)), c.out.join('\n'));
  });
});

describe('chapter 11', () => {
  test('lock: b gets the lock when a releases it', async () => {
    const c = await virtual('ch11/lock');
    assert.deepEqual(c.out, [
      '等待 a 获取锁',
      'a 获取到了锁',
      S(2),
      '等待 b 获取锁',
      F(2),
      'a 释放了锁',
      'b 获取到了锁',
      S(2),
      F(2),
      'b 释放了锁',
    ]);
    assert.equal(timeOf(c, 'b 获取到了锁'), 2);
    assert.equal(timeOf(c, 'b 释放了锁'), 4);
  });

  test('semaphore: two at a time', async () => {
    const c = await virtual('ch11/semaphore');
    const W = '等待获取信号量...';
    const G = '获取到信号量!';
    const R = '释放信号量!';
    assert.deepEqual(c.out, [W, G, W, G, W, W, R, R, G, G, R, R]);
    assert.deepEqual(c.lines.map((l) => l.t), [0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 4, 4]);
  });

  test('semaphore-crawler: never more than 10 requests in flight', async () => {
    const c = await real('ch11/semaphore-crawler', (m) => m(40));
    assert.equal(c.result, 10);
    assert.equal(c.out.filter((l) => l === '请求完成').length, 40);
    assert.equal(c.out.at(-1), 'at most 10 requests were in flight at once');
  });

  test('bounded-semaphore: over-release is a ValueError', async () => {
    const c = await virtual('ch11/bounded-semaphore');
    assert.deepEqual(c.out, ['ValueError: BoundedSemaphore released too many times']);
  });

  test('event-call-later: both workers start at 5 s', async () => {
    const c = await virtual('ch11/event-call-later');
    assert.deepEqual(c.out, ['等待 event...', '等待 event...', '开始工作!', '开始工作!', '完成工作!', '完成工作!']);
    assert.deepEqual(c.lines.map((l) => l.t), [0, 0, 5, 5, 6, 6]);
  });

  test('condition: notifyAll every 5 s, workers take turns holding the lock', async () => {
    const c = await virtual('ch11/condition');
    const round = [
      'work1 等待 notify_all ...',
      'work2 等待 notify_all ...',
      'fire_event,即将通知所有开始工作.',
      'fire_event 通知工作结束.',
      'work1 监听到 notify_all 事件...',
      'work1 工作结束,释放锁.',
      'work2 监听到 notify_all 事件...',
      'work2 工作结束,释放锁.',
    ];
    assert.deepEqual(c.out, [...round, ...round, 'work1 等待 notify_all ...', 'work2 等待 notify_all ...', 'time limit of 12.5 s reached']);
    assert.deepEqual(
      c.lines.map((l) => l.t),
      [0, 0, 5, 5, 5, 6, 6, 7, 7, 7, 10, 10, 10, 11, 11, 12, 12, 12, 12.5],
    );
  });
});

describe('chapter 12', () => {
  test('supermarket-queue: every customer checked out once, by three cashiers at once', async () => {
    const c = await virtual('ch12/supermarket-queue', (m) => m(42));
    for (let i = 0; i < 10; i++) {
      assert.equal(c.out.filter((l) => new RegExp(`^收营员 \\d 结账客户 ${i}$`).test(l)).length, 1, `customer ${i} checked out once`);
      assert.equal(c.out.filter((l) => new RegExp(`^收营员 \\d 完成对${i} 的结算$`).test(l)).length, 1);
    }
    const cashiers = new Set(c.out.flatMap((l) => /^收营员 (\d) 结账客户/.exec(l)?.[1] ?? []));
    assert.deepEqual([...cashiers].sort(), ['0', '1', '2']);
  });

  test('supermarket-endless: a bounded queue, FIFO, stopped by the time limit', async () => {
    const c = await virtual('ch12/supermarket-endless', (m) => m(15, 7));
    assert.equal(c.out.at(-1), 'time limit of 15 s reached: the store closes');
    assert.equal(c.lines.at(-1)!.t, 15);
    const served = c.out.flatMap((l) => /^收营员 \d 结账客户 (\d+)$/.exec(l)?.[1] ?? []).map(Number);
    assert.ok(served.length > 5);
    assert.deepEqual(served, [...served].sort((a, b) => a - b), 'customers are served in arrival order');
    // The producer waits in put() when the queue is full: "waiting" is not always followed at once by "joined".
    let queued = 0;
    let taken = 0;
    for (const l of c.out) {
      if (l === '客户已加入排队!') queued++;
      if (/结账客户/.test(l)) taken++;
      assert.ok(queued - taken <= 5, 'never more than 5 customers in the queue');
    }
  });

  test('priority-queue-tuples', async () => {
    const c = await virtual('ch12/priority-queue-tuples');
    assert.deepEqual(c.out, [
      "Processing work item (1, 'High priority')",
      "Processing work item (2, 'Medium priority')",
      "Processing work item (3, 'Lowest priority')",
    ]);
  });

  test('priority-queue-class', async () => {
    const c = await virtual('ch12/priority-queue-class');
    assert.deepEqual(c.out, [
      "Processing work item WorkItem(priority=1, data='High priority')",
      "Processing work item WorkItem(priority=2, data='Medium priority')",
      "Processing work item WorkItem(priority=3, data='Lowest priority')",
    ]);
  });

  test('lifo-queue: last in, first out', async () => {
    const c = await virtual('ch12/lifo-queue');
    const items = [
      "WorkItem(priority=3, order=1, data='Lowest priority first')",
      "WorkItem(priority=3, order=2, data='Lowest priority second')",
      "WorkItem(priority=3, order=3, data='Lowest priority third')",
      "WorkItem(priority=2, order=4, data='Medium priority')",
      "WorkItem(priority=1, order=5, data='High priority')",
    ];
    assert.deepEqual(c.out, [...items.map((i) => `入栈: ${i}`), ...[...items].reverse().map((i) => `出栈: ${i}`)]);
  });
});

after(() => {
  // Every example file must be exercised by this suite: a new example without a test fails here.
  const all = listExamples().map((e) => e.name);
  const missing = all.filter((n) => !tested.has(n));
  assert.deepEqual(missing, [], `examples without a test: ${missing.join(', ')}`);
});
