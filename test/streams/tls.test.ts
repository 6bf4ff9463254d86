import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSecureContext } from 'node:tls';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { run, createTask, sleep, Future, CancelledError, TimeoutError } from '../../src/index.js';
import { openConnection, startServer } from '../../src/streams/index.js';
import type { Server } from '../../src/streams/index.js';
import { s, collectExceptions, portOf } from '../fixtures/streams/helpers.js';
import { tlsCredentials } from '../fixtures/streams/tls-credentials.js';

const SAFETY = { timeout: 30_000 };

async function closeServer(server: Server): Promise<void> {
  server.close();
  server.abortClients();
  await server.waitClosed();
}

test('TLS echo with a self-signed certificate (options on both sides)', SAFETY, () =>
  run(async () => {
    const seen = collectExceptions();
    const { key, cert } = tlsCredentials();
    let serverInfo: unknown[] = [];
    const server = await startServer(async (reader, writer) => {
      serverInfo = [writer.canWriteEof(), writer.getExtraInfo('sslcontext') !== undefined];
      for await (const line of reader) {
        writer.write(line);
        await writer.drain();
      }
    }, '127.0.0.1', 0, { ssl: { key, cert } });
    try {
      const [reader, writer] = await openConnection('127.0.0.1', portOf(server), { ssl: { ca: cert } });
      for (let i = 0; i < 20; i++) {
        writer.write(`secret ${i}\n`);
        assert.equal(s(await reader.readline()), `secret ${i}\n`);
      }
      const peer = writer.getExtraInfo('peercert') as { subject?: { CN?: string } };
      assert.equal(peer.subject?.CN, 'localhost');
      assert.ok(writer.getExtraInfo('cipher'));
      assert.equal(writer.canWriteEof(), false, 'TLS transports cannot write EOF, as in asyncio');
      assert.throws(() => writer.writeEof());
      writer.close();
      await writer.waitClosed();
      assert.deepEqual(serverInfo, [false, true]);
    } finally {
      await closeServer(server);
    }
    assert.deepEqual(seen, []);
  }));

test('TLS with secure contexts and serverHostname', SAFETY, () =>
  run(async () => {
    const { key, cert } = tlsCredentials();
    const server = await startServer(async (reader, writer) => {
      writer.write(await reader.readline());
    }, '127.0.0.1', 0, { ssl: createSecureContext({ key, cert }), sslHandshakeTimeout: 5 });
    try {
      const [reader, writer] = await openConnection('127.0.0.1', portOf(server), {
        ssl: createSecureContext({ ca: cert }),
        serverHostname: 'localhost',
      });
      writer.write('hi\n');
      assert.equal(s(await reader.readline()), 'hi\n');
      assert.equal((await reader.read()).length, 0);
      writer.close();
    } finally {
      await closeServer(server);
    }
  }));

test('a client that does not trust the certificate fails, and the server goes on serving', SAFETY, () =>
  run(async () => {
    const { key, cert } = tlsCredentials();
    const server = await startServer(async (reader, writer) => {
      writer.write(await reader.readline());
    }, '127.0.0.1', 0, { ssl: { key, cert } });
    try {
      await assert.rejects(openConnection('127.0.0.1', portOf(server), { ssl: true }), /self[- ]signed/i);
      const [reader, writer] = await openConnection('127.0.0.1', portOf(server), { ssl: { ca: cert } });
      writer.write('still here\n');
      assert.equal(s(await reader.readline()), 'still here\n');
      writer.close();
    } finally {
      await closeServer(server);
    }
  }));

test('a TLS handshake that never completes: cancelling the connect or the handshake timeout ends it', SAFETY, () =>
  run(async () => {
    // A TCP server that accepts and never answers the ClientHello.
    const closed: boolean[] = [];
    const accepted = new Future<void>();
    const silent = createNetServer((socket) => {
      socket.resume(); // read, so the client's FIN is seen
      socket.on('error', () => {});
      socket.on('close', () => closed.push(true));
      if (!accepted.done()) accepted.setResult();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const connecting = createTask(() => openConnection('127.0.0.1', port, { ssl: true }));
      await accepted; // the TCP connection is up; the handshake waits forever
      connecting.cancel();
      await assert.rejects(connecting, CancelledError);

      await assert.rejects(
        openConnection('127.0.0.1', port, { ssl: true, sslHandshakeTimeout: 0.05 }),
        (e) => e instanceof TimeoutError && /handshake/.test((e as Error).message),
      );
      while (closed.length < 2) await sleep(0.01);
      assert.equal(closed.length, 2, 'both client sockets were destroyed');
    } finally {
      silent.close();
    }
  }));
