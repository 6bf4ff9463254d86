import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError, Semaphore, coroutine, createTask, gather, run, sleep } from '../../src/index.js';
import { ClientSession } from '../../src/http/index.js';
import { ConnectionMeter, startServer, type TestServer } from './helpers.js';

const meter = new ConnectionMeter();
let a: TestServer;
let b: TestServer;
before(async () => {
  a = await startServer(meter);
  b = await startServer(meter);
});
after(async () => {
  await a.close();
  await b.close();
});

/**
 * Waits until `cond()` holds, polling every millisecond; fails the test (rather than hanging) if
 * it never does. Only the outcome is asserted, never how long it took.
 */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 20_000; i++) {
    if (cond()) return;
    await sleep(0.001);
  }
  assert.fail(`never happened: ${what}`);
}

test('limit 3: at most 3 connections are ever open at once across two servers', async () => {
  meter.maxOpen = meter.open;
  const base = meter.open;
  await run(async () => {
    await using session = new ClientSession({ limit: 3 });
    const urls = Array.from({ length: 40 }, (_, i) => `${i % 3 === 0 ? b.url : a.url}/delay?ms=${2 + (i % 4)}`);
    const bodies = await gather(urls.map(async (url) => (await (await session.get(url)).text())));
    assert.equal(bodies.length, 40);
    assert.ok(bodies.every((t) => t === 'done'));
    assert.ok(session.connections <= 3);
  });
  assert.ok(meter.maxOpen - base <= 3, `max open ${meter.maxOpen - base}`);
  assert.equal(meter.maxOpen - base, 3, 'the limit was reached');
});

test('limit 1: an idle keep-alive connection to one host is closed to make room for another host', async () => {
  meter.maxOpen = meter.open;
  const base = meter.open;
  const aTotal = a.connections.total;
  const bTotal = b.connections.total;
  await run(async () => {
    await using session = new ClientSession({ limit: 1 });
    assert.equal(await (await session.get(`${a.url}/text`)).text(), 'hello, world');
    assert.equal(session.connections, 1, 'kept alive, idle');
    assert.equal(await (await session.get(`${b.url}/text`)).text(), 'hello, world');
    assert.equal(await (await session.get(`${b.url}/json`)).text(), '{"hello":"world"}');
    assert.equal(session.connections, 1);
  });
  assert.equal(a.connections.total - aTotal, 1);
  assert.equal(b.connections.total - bTotal, 1, 'the connection to b was reused');
  assert.equal(meter.maxOpen - base, 1);
});

test('limitPerHost 2: at most 2 connections to one host, while another host gets its own', async () => {
  a.connections.maxOpen = a.connections.open;
  b.connections.maxOpen = b.connections.open;
  a.requests.maxInFlight = 0;
  await run(async () => {
    await using session = new ClientSession({ limitPerHost: 2 });
    const jobs = [
      ...Array.from({ length: 12 }, () => `${a.url}/delay?ms=3`),
      ...Array.from({ length: 4 }, () => `${b.url}/delay?ms=3`),
    ];
    await gather(jobs.map(async (url) => (await session.get(url)).read()));
  });
  assert.ok(a.requests.maxInFlight <= 2, `in flight at a: ${a.requests.maxInFlight}`);
  assert.equal(a.requests.maxInFlight, 2);
  assert.ok(a.connections.maxOpen <= 2);
  assert.ok(b.connections.maxOpen <= 2);
});

test('a waiter held back by its own host limit does not hold back requests to other hosts', async () => {
  await run(async () => {
    await using session = new ClientSession({ limit: 10, limitPerHost: 1 });
    const holder = createTask(() => session.get(`${a.url}/stall`));
    await until(() => session.connections === 1, 'a holds its one slot');
    const queued = createTask(() => session.get(`${a.url}/text`));
    await sleep(0);
    assert.equal(await (await session.get(`${b.url}/text`)).text(), 'hello, world', 'b is served at once');
    assert.equal(queued.done(), false, 'the second request to a still waits');
    holder.cancel();
    await assert.rejects(holder, CancelledError);
    assert.equal((await queued).status, 200);
  });
});

test('limit 0 means no limit', async () => {
  const inFlight = a.requests.inFlight;
  await run(async () => {
    await using session = new ClientSession({ limit: 0, timeout: {} });
    const tasks = Array.from({ length: 30 }, () => createTask(() => session.get(`${a.url}/stall`)));
    await until(() => a.requests.inFlight - inFlight === 30, '30 requests at the server at once');
    assert.equal(session.connections, 30);
    for (const t of tasks) t.cancel();
    await gather(tasks, { returnExceptions: true });
    assert.equal(session.connections, 0);
  });
});

test('1,000 requests through gather with a Semaphore(10) never exceed 10 in flight at the server', async () => {
  a.requests.maxInFlight = 0;
  const total = a.requests.total;
  await run(async () => {
    // The book's chapter 11 crawler: the semaphore, not the session (limit 100), bounds the work.
    const semaphore = new Semaphore(10);
    const fetchStatus = coroutine(async (session: ClientSession, url: string, ms: number) => {
      await using _ = await semaphore.hold();
      await using resp = await session.get(url, { params: { ms } });
      await resp.read();
      return resp.status;
    });
    await using session = new ClientSession();
    const statuses = await gather(Array.from({ length: 1000 }, (_, i) => fetchStatus(session, `${a.url}/delay`, 1 + (i % 3))));
    assert.equal(statuses.length, 1000);
    assert.ok(statuses.every((s) => s === 200));
    assert.ok(session.connections <= 10, 'never more than 10 connections were needed');
  });
  assert.equal(a.requests.total - total, 1000);
  assert.ok(a.requests.maxInFlight <= 10, `max in flight ${a.requests.maxInFlight}`);
  assert.equal(a.requests.maxInFlight, 10);
});

test('1,000 requests through gather with the session limit at 10 never exceed 10 in flight either', async () => {
  a.requests.maxInFlight = 0;
  a.connections.maxOpen = a.connections.open;
  await run(async () => {
    await using session = new ClientSession({ limit: 10 });
    const fetchStatus = coroutine(async (url: string, ms: number) => {
      await using resp = await session.get(url, { params: { ms } });
      await resp.read();
      return resp.status;
    });
    const statuses = await gather(Array.from({ length: 1000 }, (_, i) => fetchStatus(`${a.url}/delay`, 1 + (i % 3))));
    assert.ok(statuses.every((s) => s === 200));
  });
  assert.ok(a.requests.maxInFlight <= 10, `max in flight ${a.requests.maxInFlight}`);
  assert.ok(a.connections.maxOpen <= 10);
  assert.equal(a.requests.maxInFlight, 10);
});

test('cancelling a task mid-body aborts the transfer and frees the slot (limit 1)', async () => {
  const aborted = a.aborted;
  await run(async () => {
    await using session = new ClientSession({ limit: 1 });
    let reading = false;
    const task = createTask(async () => {
      const resp = await session.get(`${a.url}/stall-body`);
      reading = true;
      return resp.read();
    });
    await until(() => reading, 'the task awaits the rest of the body');
    task.cancel();
    await assert.rejects(task, CancelledError);
    assert.equal(task.cancelled(), true);
    assert.equal(session.connections, 0, 'the slot is free');
    const next = await session.get(`${a.url}/text`);
    assert.equal(await next.text(), 'hello, world');
  });
  await waitForServer(() => a.aborted === aborted + 1);
});

test('cancelling a task waiting for its headers aborts the request and frees the slot', async () => {
  await run(async () => {
    await using session = new ClientSession({ limit: 1 });
    const task = createTask(() => session.get(`${a.url}/stall`));
    await until(() => a.requests.inFlight > 0, 'the request reached the server');
    task.cancel('enough');
    await assert.rejects(task, (e: unknown) => e instanceof CancelledError && e.message === 'enough');
    assert.equal(session.connections, 0);
    assert.equal((await session.get(`${a.url}/text`)).status, 200);
  });
});

test('a waiter cancelled while queued for a slot never takes one; the queue goes on in FIFO order', async () => {
  await run(async () => {
    await using session = new ClientSession({ limit: 1 });
    const order: string[] = [];
    const first = createTask(async () => {
      const resp = await session.get(`${a.url}/delay?ms=20`);
      order.push('first');
      return resp.text();
    });
    await until(() => session.connections === 1, 'first holds the slot');
    const cancelled = createTask(() => session.get(`${a.url}/text`));
    const second = createTask(async () => {
      const resp = await session.get(`${a.url}/text`);
      order.push('second');
      return resp.text();
    });
    await sleep(0);
    cancelled.cancel();
    assert.equal(await first, 'done');
    assert.equal(await second, 'hello, world');
    await assert.rejects(cancelled, CancelledError);
    assert.deepEqual(order, ['first', 'second']);
    assert.equal(session.connections, 1);
  });
});

test("a task's own signal (or any AbortSignal) passed as `signal` aborts the request", async () => {
  await run(async () => {
    await using session = new ClientSession({ limit: 1 });
    const controller = new AbortController();
    const pending = session.get(`${a.url}/stall`, { signal: controller.signal });
    await until(() => a.requests.inFlight > 0, 'the request reached the server');
    const reason = new Error('stop');
    controller.abort(reason);
    await assert.rejects(pending, (e: unknown) => e === reason);
    assert.equal(session.connections, 0);
    const aborted = new AbortController();
    aborted.abort(reason);
    await assert.rejects(session.get(`${a.url}/text`, { signal: aborted.signal }), (e: unknown) => e === reason);
  });
});

/** Real I/O on the server side may lag the client by a few event-loop turns. */
async function waitForServer(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 20_000 && !cond(); i++) await new Promise((r) => setTimeout(r, 1));
  assert.ok(cond(), 'the server saw it');
}

test('wait(FIRST_EXCEPTION) then cancelling the pending request futures aborts them (the book pattern)', async () => {
  const { wait, FIRST_EXCEPTION, InvalidURL } = await import('../../src/index.js');
  const aborted = a.aborted;
  await run(async () => {
    await using session = new ClientSession({ timeout: {} });
    const slow = session.get(`${a.url}/stall`);
    const bad = session.get('python://bad');
    await until(() => a.requests.inFlight > 0, 'the slow request reached the server');
    const [done, pending] = await wait([slow, bad], { returnWhen: FIRST_EXCEPTION });
    assert.equal(done.size, 1);
    assert.ok([...done][0]!.exception() instanceof InvalidURL);
    assert.deepEqual([...pending], [slow]);
    for (const fut of pending) fut.cancel();
    assert.equal(slow.cancelled(), true);
    assert.equal(session.connections, 0, 'cancelling the future closed its connection');
  });
  await waitForServer(() => a.aborted === aborted + 1);
});
