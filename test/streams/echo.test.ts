import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import type { Socket } from 'node:net';
import { run, gather } from '../../src/index.js';
import { openConnection } from '../../src/streams/index.js';
import type { StreamReader, StreamWriter } from '../../src/streams/index.js';
import { b, s, collectExceptions, serving } from '../fixtures/streams/helpers.js';

/** Echoes every line until EOF, then closes. */
async function echoLines(reader: StreamReader, writer: StreamWriter): Promise<void> {
  for await (const line of reader) {
    writer.write(line);
    await writer.drain();
  }
  writer.close();
  await writer.waitClosed();
}

test('echo round trips: lines, binary frames and custom separators through a real server', () =>
  run(async () => {
    const seen = collectExceptions();
    await using srv = await serving(async (reader, writer) => {
      const size = (await reader.readExactly(4)).readUInt32BE(0);
      writer.write(await reader.readExactly(size));
      writer.write(await reader.readUntil(['\r\n', '||']));
      writer.write(await reader.readUntil(['\r\n', '||']));
      await echoLines(reader, writer);
    });
    const [reader, writer] = await openConnection('127.0.0.1', srv.port);

    const frame = Buffer.from(Array.from({ length: 256 * 4 }, (_, i) => i % 256));
    const header = Buffer.alloc(4);
    header.writeUInt32BE(frame.length);
    writer.writeLines([header, frame, 'first||second\r\n']);
    assert.deepEqual(await reader.readExactly(frame.length), frame);
    assert.equal(s(await reader.readUntil('||')), 'first||');
    assert.equal(s(await reader.readUntil(['\n'])), 'second\r\n');

    for (let i = 0; i < 100; i++) {
      writer.write(`line ${i}\n`);
      await writer.drain();
      assert.equal(s(await reader.readline()), `line ${i}\n`);
    }
    writer.close();
    await writer.waitClosed();
    assert.deepEqual(seen, []);
  }));

test('getExtraInfo gives peername/sockname as [address, port] and the socket', () =>
  run(async () => {
    let serverSide: unknown[] = [];
    await using srv = await serving(async (_reader, writer) => {
      serverSide = [writer.getExtraInfo('peername'), writer.getExtraInfo('sockname')];
    });
    const [reader, writer] = await openConnection('127.0.0.1', srv.port);
    await reader.read();
    const port = srv.port;
    assert.deepEqual(writer.getExtraInfo('peername'), ['127.0.0.1', port]);
    const sockname = writer.getExtraInfo('sockname') as [string, number];
    assert.deepEqual(serverSide, [sockname, ['127.0.0.1', port]]);
    const socket = writer.getExtraInfo('socket') as Socket;
    assert.equal(socket.allowHalfOpen, true);
    assert.equal(writer.getExtraInfo('peercert', 'none'), 'none');
    assert.equal(writer.getExtraInfo('no such thing'), undefined);
    writer.close();
  }));

test('200 concurrent clients are all served', () =>
  run(async () => {
    // Backlog above the burst size: 200 connects land before the first accept.
    await using srv = await serving(echoLines, { backlog: 512 });
    const port = srv.port;
    const client = async (i: number) => {
      const [reader, writer] = await openConnection('127.0.0.1', port);
      const replies: string[] = [];
      for (let k = 0; k < 3; k++) {
        writer.write(`client ${i} message ${k}\n`);
        replies.push(s(await reader.readline()));
      }
      writer.close();
      await writer.waitClosed();
      return replies.join('');
    };
    const results = await gather(...Array.from({ length: 200 }, (_, i) => client(i)));
    assert.equal(results.length, 200);
    results.forEach((r, i) => assert.equal(r, `client ${i} message 0\nclient ${i} message 1\nclient ${i} message 2\n`));
  }));

test('half-close: after writeEof the client still receives the reply', () =>
  run(async () => {
    await using srv = await serving(async (reader, writer) => {
      const request = await reader.read(); // until the client's EOF
      assert.ok(reader.atEof());
      assert.ok(writer.canWriteEof());
      writer.write(`got ${request.length} bytes: ${s(request).toUpperCase()}`);
      await writer.drain();
      writer.writeEof();
    });
    const [reader, writer] = await openConnection('127.0.0.1', srv.port);
    writer.write('hello ');
    writer.write('world');
    assert.ok(writer.canWriteEof());
    writer.writeEof();
    assert.throws(() => writer.write('more'), /after writeEof/);
    assert.equal(s(await reader.read()), 'got 11 bytes: HELLO WORLD');
    assert.ok(reader.atEof());
    writer.close();
    await writer.waitClosed();
  }));

test('writes accept strings and bytes; write rejects other types naming them', () =>
  run(async () => {
    await using srv = await serving(echoLines);
    const [reader, writer] = await openConnection('127.0.0.1', srv.port);
    writer.write('é');
    writer.write(new Uint8Array([0x21, 0x0a]));
    writer.write('');
    assert.equal(s(await reader.readline()), 'é!\n');
    assert.throws(() => writer.write(42 as never), (e) => e instanceof TypeError && /42 \(number\)/.test(e.message));
    assert.throws(() => writer.writeLines(7 as never), TypeError);
    writer.close();
    writer.close();
    writer.write('dropped after close');
    await writer.waitClosed();
    assert.equal(writer.isClosing(), true);
    assert.ok(b('').length === 0);
  }));
