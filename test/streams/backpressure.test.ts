import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import type { Socket } from 'node:net';
import { run, sleep } from '../../src/index.js';
import { openConnection, WRITE_HIGH_WATER, WRITE_LOW_WATER } from '../../src/streams/index.js';
import { serving } from '../fixtures/streams/helpers.js';

const SAFETY = { timeout: 60_000 };

test('a slow reader makes drain() wait, and both sides keep bounded buffers', SAFETY, () =>
  run(async () => {
    const limit = 16 * 1024;
    const total = 8 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 0x78);
    let received = 0;
    let maxBuffered = 0;
    let serverPaused = false;
    await using srv = await serving(async (reader, writer) => {
      const socket = writer.getExtraInfo('socket') as Socket;
      for (;;) {
        maxBuffered = Math.max(maxBuffered, reader.bufferedLength);
        serverPaused ||= socket.isPaused();
        const data = await reader.read(4096);
        if (data.length === 0) break;
        received += data.length;
        await sleep(0); // a slow consumer
      }
      writer.write(`${received}\n`);
    }, { limit });

    const [reader, writer] = await openConnection('127.0.0.1', srv.port);
    const socket = writer.getExtraInfo('socket') as Socket;
    let waits = 0;
    let maxQueued = 0;
    for (let sent = 0; sent < total; sent += chunk.length) {
      writer.write(chunk);
      maxQueued = Math.max(maxQueued, socket.writableLength);
      const paused = socket.writableLength > WRITE_HIGH_WATER;
      if (paused) waits++;
      await writer.drain();
      const bound = paused ? WRITE_LOW_WATER : WRITE_HIGH_WATER;
      assert.ok(socket.writableLength <= bound, `drain() returned with ${socket.writableLength} bytes queued`);
    }
    writer.writeEof();
    assert.equal(String(await reader.readline()), `${total}\n`);
    writer.close();

    assert.ok(waits > 0, 'drain() had to wait');
    assert.ok(maxQueued <= WRITE_HIGH_WATER + chunk.length, `writer queue peaked at ${maxQueued}`);
    assert.ok(serverPaused, 'the server paused its socket');
    assert.ok(maxBuffered <= 2 * limit + 64 * 1024, `reader buffer peaked at ${maxBuffered}`);
  }));

test('many concurrent drain() calls are all released when writes resume', SAFETY, () =>
  run(async () => {
    let release: (() => void) | null = null;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await using srv = await serving(async (reader) => {
      await gate;
      while ((await reader.read(1 << 20)).length > 0);
    });
    const [, writer] = await openConnection('127.0.0.1', srv.port);
    writer.write(Buffer.alloc(32 * 1024 * 1024));
    const drains = Array.from({ length: 5 }, () => writer.drain());
    release!();
    await Promise.all(drains);
    writer.close();
    await writer.waitClosed();
  }));
