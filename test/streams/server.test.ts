import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { run, createTask, sleep, Future, CancelledError, RuntimeError } from '../../src/index.js';
import { openConnection, openUnixConnection, startServer, startUnixServer } from '../../src/streams/index.js';
import type { StreamReader, StreamWriter } from '../../src/streams/index.js';
import { s, collectExceptions, portOf, unixPath } from '../fixtures/streams/helpers.js';

const SAFETY = { timeout: 30_000 };

async function echoLine(reader: StreamReader, writer: StreamWriter): Promise<void> {
  writer.write(await reader.readline());
  await writer.drain();
}

test('serveForever runs until cancelled; cancelling it closes the server', SAFETY, () =>
  run(async () => {
    const server = await startServer(echoLine, '127.0.0.1', 0, { startServing: false });
    assert.equal(server.isServing(), false);
    assert.equal(server.state, 'created');
    const forever = createTask(() => server.serveForever());
    await sleep(0);
    await sleep(0);
    assert.equal(server.isServing(), true);
    await assert.rejects(server.serveForever(), (e) => e instanceof RuntimeError && /already being awaited/.test(e.message));
    const [reader, writer] = await openConnection('127.0.0.1', portOf(server));
    writer.write('ping\n');
    assert.equal(s(await reader.readline()), 'ping\n');
    writer.close();
    forever.cancel();
    await assert.rejects(forever, CancelledError);
    assert.equal(server.isServing(), false);
    assert.equal(server.state, 'closed');
    assert.deepEqual(server.sockets, []);
    await server.waitClosed();
    await assert.rejects(server.serveForever(), (e) => e instanceof RuntimeError && /closed/.test(e.message));
  }));

test('close() from elsewhere ends serveForever with CancelledError', SAFETY, () =>
  run(async () => {
    const server = await startServer(echoLine, '127.0.0.1', 0);
    const forever = createTask(() => server.serveForever());
    await sleep(0);
    server.close();
    await assert.rejects(forever, CancelledError);
    await server.waitClosed();
  }));

test('waitClosed waits for the server to close and for every client, in either order', SAFETY, () =>
  run(async () => {
    const finish = new Future<void>();
    const server = await startServer(async (reader, writer) => {
      await reader.readline();
      await finish;
      writer.write('bye\n');
    }, '127.0.0.1', 0);
    const [reader, writer] = await openConnection('127.0.0.1', portOf(server));
    writer.write('hi\n');
    const waiting = createTask(() => server.waitClosed());
    await sleep(0);
    server.close();
    for (let i = 0; i < 5; i++) await sleep(0);
    assert.equal(waiting.done(), false, 'a client is still connected');
    finish.setResult();
    assert.equal(s(await reader.readline()), 'bye\n');
    assert.equal((await reader.read()).length, 0, 'the handler returned: its connection is closed');
    await waiting;
    writer.close();
  }));

test('abortClients drops connections at once; closeClients after their data is sent', SAFETY, () =>
  run(async () => {
    const server = await startServer(async (reader, writer) => {
      writer.write('welcome\n');
      await reader.read();
    }, '127.0.0.1', 0);
    const [r1, w1] = await openConnection('127.0.0.1', portOf(server));
    assert.equal(s(await r1.readline()), 'welcome\n');
    server.closeClients();
    assert.equal((await r1.read()).length, 0);
    const [r2, w2] = await openConnection('127.0.0.1', portOf(server));
    assert.equal(s(await r2.readline()), 'welcome\n');
    server.abortClients();
    assert.equal((await r2.read()).length, 0);
    w1.close();
    w2.close();
    server.close();
    await server.waitClosed();
  }));

test('an error in one handler is reported and does not stop the server', SAFETY, () =>
  run(async () => {
    const seen = collectExceptions();
    let calls = 0;
    const server = await startServer(async (reader, writer) => {
      if (calls++ === 0) throw new Error('first client fails');
      await echoLine(reader, writer);
    }, '127.0.0.1', 0);
    const [r1, w1] = await openConnection('127.0.0.1', portOf(server));
    assert.equal((await r1.read()).length, 0);
    const [r2, w2] = await openConnection('127.0.0.1', portOf(server));
    w2.write('ok\n');
    assert.equal(s(await r2.readline()), 'ok\n');
    w1.close();
    w2.close();
    server.close();
    await server.waitClosed();
    assert.deepEqual(seen.map((c) => c.message), ['Unhandled exception in client_connected_cb']);
  }));

test('await using closes the server; a busy port is reported as Node reports it', SAFETY, () =>
  run(async () => {
    let port = 0;
    {
      await using server = await startServer(echoLine, '127.0.0.1', 0);
      port = portOf(server);
      await assert.rejects(startServer(echoLine, '127.0.0.1', port), (e) => (e as { code?: string }).code === 'EADDRINUSE');
    }
    // The port is free again.
    const again = await startServer(echoLine, '127.0.0.1', port);
    again.close();
    await again.waitClosed();
  }));

test('unix servers: echo, a stale socket file is replaced, the file is removed on close', SAFETY, () =>
  run(async () => {
    const { path, cleanup } = unixPath();
    try {
      // A process that exits without closing its server leaves the socket file behind.
      const script = `require('net').createServer().listen(${JSON.stringify(path)}, () => process.exit(0))`;
      execFileSync(process.execPath, ['-e', script]);
      assert.ok(existsSync(path));
      const server = await startUnixServer(echoLine, path);
      const [reader, writer] = await openUnixConnection(path);
      assert.equal(writer.getExtraInfo('peername'), path);
      writer.write('over unix\n');
      assert.equal(s(await reader.readline()), 'over unix\n');
      writer.close();
      server.close();
      await server.waitClosed();
      assert.equal(existsSync(path), false);

      writeFileSync(path, 'not a socket');
      await assert.rejects(startUnixServer(echoLine, path), (e) => (e as { code?: string }).code === 'EADDRINUSE');
    } finally {
      cleanup();
    }
  }));

test('openConnection to a closed port rejects with ECONNREFUSED', SAFETY, () =>
  run(async () => {
    const server = await startServer(echoLine, '127.0.0.1', 0);
    const port = portOf(server);
    server.close();
    await server.waitClosed();
    await assert.rejects(openConnection('127.0.0.1', port), (e) => (e as { code?: string }).code === 'ECONNREFUSED');
  }));

test('a list of hosts gives one listening socket each, all serving', SAFETY, () =>
  run(async () => {
    const server = await startServer(echoLine, ['127.0.0.1', '127.0.0.1'], 0);
    try {
      assert.equal(server.sockets.length, 2);
      for (const listener of server.sockets) {
        const [reader, writer] = await openConnection('127.0.0.1', (listener.address() as { port: number }).port);
        writer.write('both\n');
        assert.equal(s(await reader.readline()), 'both\n');
        writer.close();
      }
    } finally {
      server.close();
      await server.waitClosed();
    }
  }));
