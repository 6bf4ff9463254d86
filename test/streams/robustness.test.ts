import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import type { Socket } from 'node:net';
import { run, Future, ValueError, ConnectionResetError } from '../../src/index.js';
import { openConnection } from '../../src/streams/index.js';
import type { StreamReader, StreamWriter } from '../../src/streams/index.js';
import { s, collectExceptions, serving } from '../fixtures/streams/helpers.js';

const SAFETY = { timeout: 60_000 };

/** An echo client: one line there and back. */
async function echoOnce(port: number, text: string): Promise<string> {
  const [reader, writer] = await openConnection('127.0.0.1', port);
  writer.write(`${text}\n`);
  const reply = s(await reader.readline());
  writer.close();
  await writer.waitClosed();
  return reply;
}

test('abrupt disconnects mid-line (FIN and RST) reach the handler, and the server goes on', SAFETY, () =>
  run(async () => {
    const seen = collectExceptions();
    const outcomes: string[] = [];
    const handled = [new Future<void>(), new Future<void>()];
    const started = [new Future<void>(), new Future<void>()];
    let clients = 0;
    await using srv = await serving(async (reader: StreamReader, writer: StreamWriter) => {
      const index = clients++;
      try {
        const head = s(await reader.readExactly(4));
        started[index]?.setResult();
        const line = head + s(await reader.readline());
        if (line.endsWith('\n')) {
          writer.write(line);
          return;
        }
        outcomes.push(`partial:${line}`);
      } catch (e) {
        outcomes.push(e instanceof ConnectionResetError ? 'reset' : `other:${String(e)}`);
      }
      handled[index]?.setResult();
    });

    const [, w1] = await openConnection('127.0.0.1', srv.port);
    w1.write('half a li');
    await w1.drain();
    await started[0];
    (w1.getExtraInfo('socket') as Socket).destroy(); // FIN mid-line
    await handled[0];

    const [, w2] = await openConnection('127.0.0.1', srv.port);
    w2.write('half a li');
    await started[1];
    (w2.getExtraInfo('socket') as Socket).resetAndDestroy(); // RST mid-line
    await handled[1];

    assert.deepEqual(outcomes, ['partial:half a li', 'reset']);
    assert.equal(await echoOnce(srv.port, 'still serving'), 'still serving\n');
    assert.deepEqual(seen, []);
  }));

test('a client sending a 10 MB line gets an error reply; memory stays bounded; others are served meanwhile', SAFETY, () =>
  run(async () => {
    const limit = 64 * 1024;
    let maxBuffered = 0;
    await using srv = await serving(async (reader: StreamReader, writer: StreamWriter) => {
      try {
        writer.write(await reader.readline());
      } catch (e) {
        if (!(e instanceof ValueError)) throw e;
        maxBuffered = Math.max(maxBuffered, reader.bufferedLength);
        writer.write('ERR line too long\n');
        // Discard the rest of the request without keeping it.
        for (;;) {
          maxBuffered = Math.max(maxBuffered, reader.bufferedLength);
          if ((await reader.read(limit)).length === 0) break;
        }
      }
    }, { limit });

    const [reader, writer] = await openConnection('127.0.0.1', srv.port);
    writer.write(Buffer.alloc(10 * 1024 * 1024, 0x61));
    assert.equal(s(await reader.readline()), 'ERR line too long\n');
    // The flooding client still holds its connection: another client is served now.
    assert.equal(await echoOnce(srv.port, 'hello'), 'hello\n');
    writer.write('\n');
    await writer.drain();
    writer.writeEof();
    assert.equal((await reader.read()).length, 0);
    writer.close();
    assert.ok(maxBuffered <= 2 * limit + 64 * 1024, `the server buffered up to ${maxBuffered} bytes`);
  }));

test('a client that never sends anything does not stop others; closeClients ends it', SAFETY, () =>
  run(async () => {
    const silentDone = new Future<string>();
    await using srv = await serving(async (reader: StreamReader, writer: StreamWriter) => {
      const line = s(await reader.readline());
      if (line === '') silentDone.setResult('eof');
      else writer.write(line);
    });
    const [silentReader, silentWriter] = await openConnection('127.0.0.1', srv.port);
    const replies = await Promise.all([echoOnce(srv.port, 'a'), echoOnce(srv.port, 'b'), echoOnce(srv.port, 'c')]);
    assert.deepEqual(replies, ['a\n', 'b\n', 'c\n']);
    srv.server.close();
    srv.server.closeClients();
    assert.equal(await silentDone, 'eof', 'the server side of the silent client saw EOF');
    assert.equal((await silentReader.read()).length, 0);
    silentWriter.close();
    await srv.server.waitClosed();
  }));
