import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, ValueError } from '../../src/index.js';
import { openConnection, openUnixConnection, startServer, startUnixServer } from '../../src/streams/index.js';
import { checkReusePort, nodeSupportsReusePort } from '../../src/streams/options.js';

const handler = () => {};

/** Asserts that `promise` rejects with `type` and a message matching `pattern`. */
function rejectsWith(promise: Promise<unknown>, type: new (...a: any[]) => Error, pattern: RegExp) {
  return assert.rejects(promise, (e) => {
    assert.ok(e instanceof type, `expected ${type.name}, got ${String(e)}`);
    assert.match((e as Error).message, pattern);
    return true;
  });
}

test('a port outside 0–65535 or not an integer is refused, naming the value', () =>
  run(async () => {
    await rejectsWith(startServer(handler, '127.0.0.1', 65536), ValueError, /port.*65536/);
    await rejectsWith(startServer(handler, '127.0.0.1', -1), ValueError, /port.*-1/);
    await rejectsWith(openConnection('127.0.0.1', 1.5), ValueError, /port.*1\.5/);
    await rejectsWith(openConnection('127.0.0.1', 70000), ValueError, /70000/);
    await rejectsWith(openConnection('127.0.0.1', null as never), TypeError, /port must be a number, got null/);
    await rejectsWith(startServer(handler, '127.0.0.1', 'http' as never), TypeError, /'http' \(string\)/);
  }));

test('a non-string host is a TypeError naming it', () =>
  run(async () => {
    await rejectsWith(openConnection(42 as never, 80), TypeError, /host must be a string, got 42 \(number\)/);
    await rejectsWith(startServer(handler, { host: 'x' } as never, 0), TypeError, /host .*\[object Object\]/);
    await rejectsWith(startServer(handler, ['127.0.0.1', 7] as never, 0), TypeError, /7 \(number\)/);
    await rejectsWith(openUnixConnection(undefined as never), TypeError, /path must be a string, got undefined/);
  }));

test('limit <= 0 is a ValueError naming limit and the value', () =>
  run(async () => {
    await rejectsWith(startServer(handler, '127.0.0.1', 0, { limit: 0 }), ValueError, /[Ll]imit.*0/);
    await rejectsWith(openConnection('127.0.0.1', 1, { limit: -1 }), ValueError, /[Ll]imit.*-1/);
    await rejectsWith(startUnixServer(handler, '/tmp/x.sock', { limit: 0 }), ValueError, /[Ll]imit/);
    await rejectsWith(openConnection('127.0.0.1', 1, { limit: '10' as never }), TypeError, /limit must be a number, got '10'/);
  }));

test('reusePort: true is refused on a Node that ignores it, saying so', () =>
  run(async () => {
    if (!nodeSupportsReusePort()) {
      await rejectsWith(
        startServer(handler, '127.0.0.1', 0, { reusePort: true }),
        ValueError,
        /reusePort.*Node \d+ ignores/,
      );
    }
    assert.throws(() => checkReusePort(true, '20.20.2'), (e) => e instanceof ValueError && /Node 20\.20\.2: Node 20 ignores/.test(e.message));
    assert.equal(checkReusePort(true, '22.12.0'), true);
    assert.equal(checkReusePort(true, '23.1.0'), true);
    assert.equal(checkReusePort(false, '20.0.0'), false);
    assert.throws(() => checkReusePort('yes', '22.12.0'), TypeError);
  }));

test('other options are checked at the door too', () =>
  run(async () => {
    await rejectsWith(startServer('nope' as never, '127.0.0.1', 0), TypeError, /client_connected_cb must be a function, got 'nope'/);
    await rejectsWith(startServer(handler, '127.0.0.1', 0, { backlog: -1 }), ValueError, /backlog.*-1/);
    await rejectsWith(openConnection('127.0.0.1', 1, { sslHandshakeTimeout: 5 }), ValueError, /only meaningful with ssl/);
    await rejectsWith(openConnection('127.0.0.1', 1, { serverHostname: 'x' }), ValueError, /only meaningful with ssl/);
    await rejectsWith(openConnection('127.0.0.1', 1, { ssl: true, sslHandshakeTimeout: 0 }), ValueError, /positive/);
    await rejectsWith(startServer(handler, '127.0.0.1', 0, { ssl: true }), ValueError, /secure context or TLS options/);
    await rejectsWith(startUnixServer(handler, '/tmp/x.sock', { reusePort: true }), ValueError, /only meaningful for TCP/);
  }));
