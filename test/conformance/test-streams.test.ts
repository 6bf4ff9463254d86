/**
 * CONTRACTS.md, test_streams.py (lines 317–362). Lines 317–352 drive a StreamReader with
 * feedData/feedEof/setException, as CPython's tests do; 353–362 use real sockets on loopback.
 * "buffer" (CPython's private `_buffer`) is checked through `bufferedLength` and the next read.
 */
import { test } from 'node:test';
import { Buffer } from 'node:buffer';
import assert from 'node:assert/strict';
import { createServer as createNetServer } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { AddressInfo, Socket } from 'node:net';
import {
  run, createTask, currentTask, gather, getRunningLoop, sleep, Future,
  IncompleteReadError, LimitOverrunError, ValueError, ConnectionResetError,
} from '../../src/index.js';
import {
  StreamReader, startServer, startUnixServer, openConnection, openUnixConnection,
} from '../../src/streams/index.js';
import type { StreamWriter } from '../../src/streams/index.js';
import { DATA, b, s, collectExceptions, portOf, unixPath } from '../fixtures/streams/helpers.js';
import { tlsCredentials } from '../fixtures/streams/tls-credentials.js';

/** Real-socket tests get a timeout, so a hang fails instead of blocking the run. */
const SOCKETS = { timeout: 30_000 };

test('317 test_feed_nonempty_data', () =>
  run(async () => {
    const reader = new StreamReader();
    reader.feedData(DATA);
    assert.equal(reader.bufferedLength, DATA.length);
    assert.deepEqual(await reader.read(100), DATA);
  }));

test('318 test_read_zero', () =>
  run(async () => {
    const reader = new StreamReader();
    reader.feedData(DATA);
    assert.equal((await reader.read(0)).length, 0);
    assert.equal(reader.bufferedLength, DATA.length);
  }));

test('319 test_read', () =>
  run(async () => {
    const reader = new StreamReader();
    const read = createTask(() => reader.read(30));
    getRunningLoop().callSoon(() => reader.feedData(DATA));
    assert.deepEqual(await read, DATA);
    assert.equal(reader.bufferedLength, 0);
  }));

test('320 test_read_line_breaks', () =>
  run(async () => {
    const reader = new StreamReader();
    reader.feedData(b('line1'));
    reader.feedData(b('line2'));
    assert.equal(s(await reader.read(5)), 'line1');
    assert.equal(reader.bufferedLength, 5);
    assert.equal(s(await reader.read(5)), 'line2');
  }));

test('321 test_read_eof', () =>
  run(async () => {
    const reader = new StreamReader();
    const read = createTask(() => reader.read(1024));
    getRunningLoop().callSoon(() => reader.feedEof());
    assert.equal((await read).length, 0);
    assert.ok(reader.atEof());
  }));

test('323 test_read_exception', () =>
  run(async () => {
    const reader = new StreamReader();
    reader.feedData(b('line\n'));
    assert.equal(s(await reader.read(2)), 'li');
    reader.setException(new ValueError());
    await assert.rejects(reader.read(2), ValueError);
    assert.equal(reader.bufferedLength, 3, "'ne\\n' is still buffered, yet the exception wins");
  }));

test('326 test_readline', () =>
  run(async () => {
    const reader = new StreamReader();
    reader.feedData(b('chunk1 '));
    const line = createTask(() => reader.readline());
    getRunningLoop().callSoon(() => {
      reader.feedData(b('chunk2 '));
      reader.feedData(b('chunk3 '));
      reader.feedData(b('\n chunk4'));
    });
    assert.equal(s(await line), 'chunk1 chunk2 chunk3 \n');
    assert.equal(s(await reader.read(100)), ' chunk4');
  }));

test('327 test_readline_limit_with_existing_data', () =>
  run(async () => {
    const a = new StreamReader({ limit: 3 });
    a.feedData(b('li'));
    a.feedData(b('ne1\nline2\n'));
    await assert.rejects(a.readline(), ValueError);
    assert.equal(s(await a.read(100)), 'line2\n', 'the over-long line and its separator are discarded');

    const c = new StreamReader({ limit: 3 });
    c.feedData(b('li'));
    c.feedData(b('ne1'));
    c.feedData(b('li'));
    await assert.rejects(c.readline(), ValueError);
    assert.equal(c.bufferedLength, 0);
  }));

test('329 test_readline_limit', () =>
  run(async () => {
    const fedLater = async (chunks: string[]) => {
      const reader = new StreamReader({ limit: 7 });
      getRunningLoop().callSoon(() => {
        for (const chunk of chunks) reader.feedData(b(chunk));
        reader.feedEof();
      });
      await assert.rejects(reader.readline(), (e) => e instanceof ValueError && !(e instanceof LimitOverrunError));
      return reader;
    };
    assert.equal((await fedLater(['chunk1', 'chunk2', 'chunk3\n'])).bufferedLength, 0); // (a)
    assert.equal(s(await (await fedLater(['chunk1', 'chunk2\n', 'chunk3\n'])).read()), 'chunk3\n'); // (b)

    const fed = (data: string) => {
      const reader = new StreamReader({ limit: 7 });
      reader.feedData(b(data));
      return reader;
    };
    assert.equal(s(await fed('1234567\n').readline()), '1234567\n'); // (c)
    const d = fed('12345678\n');
    await assert.rejects(d.readline(), ValueError);
    assert.equal(d.bufferedLength, 0); // (d)
    const e = fed('12345678');
    await assert.rejects(e.readline(), ValueError);
    assert.equal(e.bufferedLength, 0); // (e)
  }));

test('330 test_readline_nolimit_nowait', () =>
  run(async () => {
    const reader = new StreamReader();
    reader.feedData(DATA.subarray(0, 6));
    reader.feedData(DATA.subarray(6));
    assert.equal(s(await reader.readline()), 'line1\n');
    assert.equal(s(await reader.read(100)), 'line2\nline3\n');
  }));

test('331 test_readline_eof', () =>
  run(async () => {
    const reader = new StreamReader();
    reader.feedData(b('some data'));
    reader.feedEof();
    assert.equal(s(await reader.readline()), 'some data');
    assert.equal((await reader.readline()).length, 0);
  }));

test('334 test_readline_exception', () =>
  run(async () => {
    const reader = new StreamReader();
    reader.feedData(b('line\n'));
    assert.equal(s(await reader.readline()), 'line\n');
    reader.setException(new ValueError());
    await assert.rejects(reader.readline(), ValueError);
    assert.equal(reader.bufferedLength, 0);
  }));

test('335 test_readuntil_separator', () =>
  run(async () => {
    const reader = new StreamReader();
    const oneByte = (e: unknown) => e instanceof ValueError && e.message === 'Separator should be at least one-byte string';
    await assert.rejects(reader.readUntil(''), oneByte);
    await assert.rejects(reader.readUntil(['']), oneByte);
    await assert.rejects(
      reader.readUntil([]),
      (e) => e instanceof ValueError && e.message === 'Separator should contain at least one element',
    );
  }));

test('336 test_readuntil_multi_chunks', () =>
  run(async () => {
    const reader = new StreamReader();
    reader.feedData(b('lineAAA'));
    assert.equal(s(await reader.readUntil('AAA')), 'lineAAA');
    reader.feedData(b('lineAAA'));
    assert.equal(s(await reader.readUntil(b('AAA'))), 'lineAAA');
    reader.feedData(b('lineAAAxxx'));
    assert.equal(s(await reader.readUntil('AAA')), 'lineAAA');
    assert.equal(s(await reader.read(100)), 'xxx');
  }));

test('338 test_readuntil_eof', () =>
  run(async () => {
    const reader = new StreamReader();
    reader.feedData(b('some dataAA'));
    reader.feedEof();
    await assert.rejects(reader.readUntil('AAA'), (e) => {
      assert.ok(e instanceof IncompleteReadError);
      assert.equal(s(e.partial), 'some dataAA');
      assert.equal(e.expected, null);
      assert.match(e.message, /undefined expected bytes/);
      return true;
    });
    assert.equal(reader.bufferedLength, 0);
  }));

test('340 test_readuntil_multi_separator', () =>
  run(async () => {
    const a = new StreamReader();
    a.feedData(b('line 1\nline 2\r'));
    assert.equal(s(await a.readUntil(['\r', '\n'])), 'line 1\n');
    assert.equal(s(await a.readUntil(['\r', '\n'])), 'line 2\r');
    assert.equal(a.bufferedLength, 0);

    const c = new StreamReader();
    c.feedData(b('ABCDEFG'));
    assert.equal(s(await c.readUntil(['DEF', 'BCDE'])), 'ABCDE', 'the match that ends earliest wins');
    assert.equal(s(await c.read(100)), 'FG');
  }));

test('341 test_readuntil_multi_separator_limit', () =>
  run(async () => {
    const reader = new StreamReader({ limit: 3 });
    reader.feedData(b('some dataA'));
    await assert.rejects(
      reader.readUntil(['A', 'ome dataA']),
      (e) => e instanceof LimitOverrunError && /is found/.test(e.message) && e.consumed === 9,
    );
    assert.equal(s(await reader.read(100)), 'some dataA', 'the buffer is unchanged');
  }));

test('342 test_readuntil_multi_separator_negative_offset', () =>
  run(async () => {
    const reader = new StreamReader();
    reader.feedData(b('data'));
    const until = createTask(() => reader.readUntil(['A', 'long sep']));
    await sleep(0);
    reader.feedData(b('Z'));
    await sleep(0);
    assert.equal(until.done(), false);
    reader.feedData(b('Aaaa'));
    assert.equal(s(await until), 'dataZA');
    assert.equal(s(await reader.read(100)), 'aaa');
  }));

test('344 test_readexactly_zero_or_less', () =>
  run(async () => {
    const reader = new StreamReader();
    reader.feedData(DATA);
    assert.equal((await reader.readExactly(0)).length, 0);
    assert.equal(reader.bufferedLength, DATA.length);
    await assert.rejects(reader.readExactly(-1), (e) => e instanceof ValueError && /less than zero/.test(e.message));
    assert.equal(reader.bufferedLength, DATA.length);
  }));

test('345 test_readexactly', () =>
  run(async () => {
    const reader = new StreamReader();
    const exactly = createTask(() => reader.readExactly(2 * DATA.length));
    getRunningLoop().callSoon(() => {
      reader.feedData(DATA);
      reader.feedData(DATA);
      reader.feedData(DATA);
    });
    assert.equal(s(await exactly), s(DATA) + s(DATA));
    assert.deepEqual(await reader.read(100), DATA);
  }));

test('346 test_readexactly_limit', () =>
  run(async () => {
    const reader = new StreamReader({ limit: 3 });
    reader.feedData(b('chunk'));
    assert.equal(s(await reader.readExactly(5)), 'chunk');
  }));

test('349 test_exception', () =>
  run(async () => {
    const reader = new StreamReader();
    assert.equal(reader.exception(), null);
    const exc = new ValueError();
    reader.setException(exc);
    assert.equal(reader.exception(), exc);
  }));

test('352 test_IncompleteReadError_pickleable+test_LimitOverrunError_pickleable (attribute part)', () => {
  const incomplete = new IncompleteReadError(b('abc'), 10);
  assert.equal(s(incomplete.partial), 'abc');
  assert.equal(incomplete.expected, 10);
  const overrun = new LimitOverrunError('message', 10);
  assert.equal(overrun.message, 'message');
  assert.equal(overrun.consumed, 10);
});

test('353 test_multiple_drain [white-box FlowControlMixin: ported with a peer that stops reading]', SOCKETS, () =>
  run(async () => {
    const go = new Future<void>();
    const big = Buffer.alloc(32 * 1024 * 1024, 0x61);
    const server = await startServer(async (reader, writer) => {
      await go; // reads nothing until told: the client's writes pile up
      let total = 0;
      while (total < big.length) total += (await reader.read(1 << 20)).length;
      writer.close();
    }, '127.0.0.1', 0);
    const [, writer] = await openConnection('127.0.0.1', portOf(server));
    writer.write(big);
    const drains = Array.from({ length: 10 }, () => createTask(() => writer.drain()));
    for (let i = 0; i < 5; i++) await sleep(0);
    assert.deepEqual(drains.map((t) => t.done()), Array(10).fill(false), 'writes are paused');
    go.setResult();
    await gather(...drains);
    assert.equal(drains.filter((t) => t.done() && !t.cancelled()).length, 10);
    writer.close();
    await writer.waitClosed();
    server.close();
    await server.waitClosed();
  }));

test('354 test_drain_raises [the server runs in this thread: the client first waits for its EOF]', SOCKETS, () =>
  run(async () => {
    const seen = collectExceptions();
    const server = await startServer((_reader, writer) => writer.close(), '127.0.0.1', 0);
    const [reader, writer] = await openConnection('127.0.0.1', portOf(server));
    // A write loop whose drain() never has to wait does not yield to the loop (as in asyncio), so
    // the in-process server would only run once the kernel buffers fill: wait for it to close.
    assert.equal((await reader.read()).length, 0);
    let error: unknown = null;
    try {
      for (;;) {
        writer.write(b('foo\n'));
        await writer.drain();
      }
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof ConnectionResetError, `got ${String(error)}`);
    writer.close();
    server.close();
    await server.waitClosed();
    assert.deepEqual(seen, []);
  }));

/**
 * A minimal HTTP/1.0 server on plain node:net (or node:tls): as CPython's test server, it answers
 * any request with "Test message" and closes.
 */
async function httpServer(listen: { port: 0; host: string } | { path: string }, secure = false) {
  const onSocket = (socket: Socket) => {
    let request = '';
    socket.on('data', (chunk) => {
      request += String(chunk);
      if (request.includes('\r\n\r\n')) {
        socket.end('HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nTest message');
      }
    });
    socket.on('error', () => {});
  };
  const server = secure ? createTlsServer(tlsCredentials(), onSocket) : createNetServer(onSocket);
  await new Promise<void>((resolve) => server.listen(listen, resolve));
  return server;
}

async function checkHttpExchange(reader: StreamReader, writer: StreamWriter): Promise<void> {
  writer.write(b('GET / HTTP/1.0\r\n\r\n'));
  assert.equal(s(await reader.readline()), 'HTTP/1.0 200 OK\r\n');
  assert.ok(s(await reader.read()).endsWith('\r\n\r\nTest message'));
  writer.close();
  await writer.waitClosed();
}

test('355 test_open_connection (+unix, +ssl variants)', SOCKETS, () =>
  run(async () => {
    const seen = collectExceptions();
    const tcp = await httpServer({ port: 0, host: '127.0.0.1' });
    await checkHttpExchange(...(await openConnection('127.0.0.1', (tcp.address() as AddressInfo).port)));
    tcp.close();

    const { path, cleanup } = unixPath();
    const unix = await httpServer({ path });
    await checkHttpExchange(...(await openUnixConnection(path)));
    unix.close();
    cleanup();

    const https = await httpServer({ port: 0, host: '127.0.0.1' }, true);
    const port = (https.address() as AddressInfo).port;
    await checkHttpExchange(...(await openConnection('127.0.0.1', port, { ssl: { ca: tlsCredentials().cert } })));
    https.close();
    assert.deepEqual(seen, []);
  }));

test('356 test_open_connection_error (+unix) [connection_lost(exc) simulated by destroying the socket with exc]', SOCKETS, () =>
  run(async () => {
    class ZeroDivisionError extends Error {}
    const server = await startServer(async (reader) => void (await reader.read()), '127.0.0.1', 0);
    const [reader, writer] = await openConnection('127.0.0.1', portOf(server));
    const lost = new ZeroDivisionError();
    (writer.getExtraInfo('socket') as Socket).destroy(lost);
    await assert.rejects(reader.read(), (e) => e === lost);
    server.close();
    await server.waitClosed();
  }));

/** The echo handler of test_start_server: read a line, echo it, drain, close, wait. */
async function handleClient(reader: StreamReader, writer: StreamWriter): Promise<void> {
  const data = await reader.readline();
  writer.write(data);
  await writer.drain();
  writer.close();
  await writer.waitClosed();
}

test('357 test_start_server (+unix)', SOCKETS, () =>
  run(async () => {
    const seen = collectExceptions();
    const callbackStyle = (reader: StreamReader, writer: StreamWriter) => {
      createTask(() => handleClient(reader, writer));
    };
    const { path, cleanup } = unixPath();
    for (const handler of [handleClient, callbackStyle]) {
      const tcp = await startServer(handler, '127.0.0.1', 0);
      const [r1, w1] = await openConnection('127.0.0.1', portOf(tcp));
      w1.write(b('hello world!\n'));
      assert.equal(s(await r1.readline()), 'hello world!\n');
      w1.close();
      tcp.close();
      await tcp.waitClosed();

      const unix = await startUnixServer(handler, path);
      const [r2, w2] = await openUnixConnection(path);
      w2.write(b('hello world!\n'));
      assert.equal(s(await r2.readline()), 'hello world!\n');
      w2.close();
      unix.close();
      await unix.waitClosed();
    }
    cleanup();
    assert.deepEqual(seen, []);
  }));

test('358 test_wait_closed_on_close(+with_unread_data)', SOCKETS, () =>
  run(async () => {
    const server = await startServer(async (reader, writer) => {
      writer.write(await reader.readline());
      writer.write(b('unread data\n'));
      await writer.drain();
      await reader.read();
    }, '127.0.0.1', 0);
    const [reader, writer] = await openConnection('127.0.0.1', portOf(server));
    writer.write(b('hello\n'));
    assert.equal(s(await reader.readline()), 'hello\n');
    assert.equal(writer.isClosing(), false);
    writer.close();
    assert.equal(writer.isClosing(), true);
    await writer.waitClosed();
    server.close();
    await server.waitClosed();
  }));

test('360 test_eof_feed_when_closing_writer', SOCKETS, () =>
  run(async () => {
    const server = await startServer(async (reader) => void (await reader.read()), '127.0.0.1', 0);
    const [reader, writer] = await openConnection('127.0.0.1', portOf(server));
    writer.close();
    await writer.waitClosed();
    assert.equal(reader.atEof(), true);
    assert.equal((await reader.read()).length, 0);
    server.close();
    await server.waitClosed();
  }));

test('361 test_unhandled_exception', SOCKETS, () =>
  run(async () => {
    const seen = collectExceptions();
    const boom = new Error('test');
    const server = await startServer(() => {
      throw boom;
    }, '127.0.0.1', 0);
    const [reader, writer] = await openConnection('127.0.0.1', portOf(server));
    assert.equal((await reader.read()).length, 0, 'the failed handler closes its connection');
    writer.close();
    server.close();
    await server.waitClosed();
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.message, 'Unhandled exception in client_connected_cb');
    assert.equal(seen[0]!.exception, boom);
  }));

test('362 test_unhandled_cancel', SOCKETS, () =>
  run(async () => {
    const seen = collectExceptions();
    const server = await startServer(async (_reader, writer) => {
      writer.close();
      currentTask()!.cancel();
    }, '127.0.0.1', 0);
    const [reader, writer] = await openConnection('127.0.0.1', portOf(server));
    assert.equal((await reader.read()).length, 0);
    writer.close();
    server.close();
    await server.waitClosed();
    assert.deepEqual(seen, []);
  }));
