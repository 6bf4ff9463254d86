import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError, TimeoutError, ValueError, createTask, getRunningLoop, run, sleep } from '../../src/index.js';
import { runVirtual } from '../../src/testing/index.js';
import { ClientSession, ClientTimeout, DEFAULT_TIMEOUT, ServerTimeoutError, type TimeoutKind } from '../../src/http/index.js';
import { hangingListener, startServer, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server.close();
});

/** Asserts that `promise` rejects with the ServerTimeoutError of `kind`. */
async function timesOut(promise: PromiseLike<unknown>, kind: TimeoutKind, seconds: number): Promise<void> {
  await assert.rejects(Promise.resolve(promise), (e: unknown) => {
    assert.ok(e instanceof ServerTimeoutError, String(e));
    assert.ok(e instanceof TimeoutError, 'a tsaio TimeoutError');
    assert.equal(e.timeout, kind);
    assert.equal(e.seconds, seconds);
    assert.equal(e.code, 'ERR_TSAIO_SERVER_TIMEOUT');
    assert.match(e.message, new RegExp(`${kind}=${seconds} s`));
    return true;
  });
}

test('ClientTimeout: fields, defaults, validation', () => {
  const t = new ClientTimeout({ total: 1, sockRead: 0.5 });
  assert.equal(t.total, 1);
  assert.equal(t.connect, null);
  assert.equal(t.sockConnect, null);
  assert.equal(t.sockRead, 0.5);
  assert.equal(new ClientTimeout({ total: 0 }).total, null, '0 means no timeout, as in aiohttp');
  assert.equal(DEFAULT_TIMEOUT.total, 300);
  assert.equal(DEFAULT_TIMEOUT.sockConnect, 30);
  assert.equal(ClientTimeout.from(2).total, 2);
  assert.equal(ClientTimeout.from(t), t);
  assert.throws(() => new ClientTimeout({ total: -1 }), ValueError);
  assert.throws(() => new ClientTimeout({ sockRead: NaN }), ValueError);
  assert.throws(() => new ClientTimeout({ connect: '1' as never }), (e: unknown) => e instanceof TypeError && /'1' \(string\)/.test((e as Error).message));
  assert.throws(() => ClientTimeout.from('x' as never), TypeError);
});

test('connect includes the wait for a free slot: fires at exactly 0.2 s of loop time (virtual clock)', async () => {
  await runVirtual(async () => {
    await using session = new ClientSession({ limit: 1, timeout: {} });
    const loop = getRunningLoop();
    const holder = createTask(() => session.get(`${server.url}/stall`));
    await sleep(0);
    const t0 = loop.time();
    await timesOut(session.get(`${server.url}/text`, { timeout: { connect: 0.2 } }), 'connect', 0.2);
    assert.equal(loop.time() - t0, 0.2);
    holder.cancel();
    await assert.rejects(holder, CancelledError);
  });
});

test('total fires at exactly its deadline of loop time (virtual clock, server stalls)', async () => {
  await runVirtual(async () => {
    await using session = new ClientSession({ timeout: { total: 0.2 } });
    const loop = getRunningLoop();
    const t0 = loop.time();
    await timesOut(session.get(`${server.url}/stall`), 'total', 0.2);
    assert.equal(loop.time() - t0, 0.2);
  });
});

test('total covers the body too: a body that stalls after its first chunk times out on read()', async () => {
  await run(async () => {
    await using session = new ClientSession({ timeout: { total: 0.05 } });
    const resp = await session.get(`${server.url}/stall-body`);
    assert.equal(resp.status, 200);
    await timesOut(resp.read(), 'total', 0.05);
    assert.equal(session.connections, 0, 'the connection was closed');
  });
});

test('a per-request timeout replaces the session one', async () => {
  await run(async () => {
    await using session = new ClientSession({ timeout: { total: 60 } });
    await timesOut(session.get(`${server.url}/stall`, { timeout: { sockRead: 0.05 } }), 'sockRead', 0.05);
    await timesOut(session.get(`${server.url}/stall`, { timeout: 0.05 }), 'total', 0.05);
  });
});

test('sockRead: a server silent before its headers (0.05 s against 5 s)', async () => {
  await run(async () => {
    await using session = new ClientSession({ timeout: { sockRead: 0.05 } });
    await timesOut(session.get(`${server.url}/stall`), 'sockRead', 0.05);
  });
});

test('sockRead: a gap between body chunks (0.05 s against 5 s) fails read() and frees the slot', async () => {
  await run(async () => {
    await using session = new ClientSession({ limit: 1, timeout: { sockRead: 0.05 } });
    const resp = await session.get(`${server.url}/stall-body`);
    await timesOut(resp.text(), 'sockRead', 0.05);
    await timesOut(resp.read(), 'sockRead', 0.05);
    assert.equal(await (await session.get(`${server.url}/text`)).text(), 'hello, world');
  });
});

test('sockRead bounds each gap, not the whole body: 40 gaps of 10 ms outlast a 0.25 s sockRead without firing', async () => {
  await run(async () => {
    await using session = new ClientSession({ timeout: { sockRead: 0.25 } });
    const loop = getRunningLoop();
    const t0 = loop.time();
    const resp = await session.get(`${server.url}/drip`, { params: { n: 40, gap: 10 } });
    assert.equal(await resp.text(), Array.from({ length: 40 }, (_, i) => `chunk-${i};`).join(''));
    assert.ok(loop.time() - t0 > 0.25, 'the body took longer than sockRead in all');
  });
});

test('sockRead fires at exactly its deadline of loop time (virtual clock, server stalls)', async () => {
  await runVirtual(async () => {
    await using session = new ClientSession({ timeout: { sockRead: 3600 } });
    const loop = getRunningLoop();
    const t0 = loop.time();
    await timesOut(session.get(`${server.url}/stall`), 'sockRead', 3600);
    assert.equal(loop.time() - t0, 3600);
  });
});

test('sockConnect: a TCP connect that hangs (accept queue full) fires sockConnect', async () => {
  const listener = await hangingListener();
  try {
    await run(async () => {
      await using session = new ClientSession({ timeout: { sockConnect: 0.05, total: 30 } });
      await timesOut(session.get(`http://127.0.0.1:${listener.port}/`), 'sockConnect', 0.05);
      assert.equal(session.connections, 0);
    });
    await runVirtual(async () => {
      await using session = new ClientSession({ timeout: { sockConnect: 0.2 } });
      const loop = getRunningLoop();
      const t0 = loop.time();
      await timesOut(session.get(`http://127.0.0.1:${listener.port}/`), 'sockConnect', 0.2);
      assert.equal(loop.time() - t0, 0.2);
    });
  } finally {
    listener.close();
  }
});

test('connect covers the socket connect as well', async () => {
  const listener = await hangingListener();
  try {
    await run(async () => {
      await using session = new ClientSession({ timeout: { connect: 0.05 } });
      await timesOut(session.get(`http://127.0.0.1:${listener.port}/`), 'connect', 0.05);
    });
  } finally {
    listener.close();
  }
});

test('sockConnect does not apply to a reused keep-alive connection; connect stops once connected', async () => {
  await run(async () => {
    await using session = new ClientSession({ limit: 1, timeout: { sockConnect: 5, connect: 5, sockRead: 5 } });
    assert.equal(await (await session.get(`${server.url}/text`)).text(), 'hello, world');
    const resp = await session.get(`${server.url}/delay`, { params: { ms: 30 } });
    assert.equal(await resp.text(), 'done');
  });
});

test('a timeout wrapped around a request by the caller cancels it and frees the slot', async () => {
  const { timeout } = await import('../../src/index.js');
  await run(async () => {
    await using session = new ClientSession({ limit: 1, timeout: {} });
    await assert.rejects(
      timeout(0.05, async () => (await session.get(`${server.url}/stall`)).read()),
      TimeoutError,
    );
    assert.equal(session.connections, 0);
    assert.equal((await session.get(`${server.url}/text`)).status, 200);
  });
});
