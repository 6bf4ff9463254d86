/**
 * I/O fairness (ARCHITECTURE.md §2): the loop yields to Node between short slices of iterations,
 * so a task spinning on `await sleep(0)` does not starve real socket callbacks. Real clock, real
 * TCP on 127.0.0.1; the busy loop is bounded by an iteration count, never by time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { cancellable, createTask, getRunningLoop, run, sleep } from '../../src/index.js';

/** Far more iterations than a localhost round trip needs; reaching it means I/O was starved. */
const MAX_ITERATIONS = 200_000;

test('a busy loop of await sleep(0) does not starve a TCP socket: the data arrives while the loop still spins', async () => {
  const outcome = await run(async () => {
    const server = net.createServer((socket) => {
      socket.end('hello from the server');
    });
    await cancellable(new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
    const { port } = server.address() as AddressInfo;

    let spinning = false;
    let iterations = 0;
    let received = '';
    let receivedWhileSpinning = false;
    let iterationAtData = -1;
    let dataCallbacks = 0;

    const busy = createTask(async () => {
      spinning = true;
      while (iterations < MAX_ITERATIONS && !received.endsWith('server')) {
        await sleep(0);
        iterations++;
      }
      spinning = false;
    });
    await sleep(0); // the busy task is spinning from here on

    const client = net.connect(port, '127.0.0.1');
    client.setEncoding('utf8');
    client.on('data', (chunk: string) => {
      dataCallbacks++;
      received += chunk;
      receivedWhileSpinning = spinning;
      iterationAtData = iterations;
    });
    await busy;
    client.destroy();
    await cancellable(new Promise<void>((resolve) => server.close(() => resolve())));
    assert.equal(getRunningLoop().isRunning(), true);
    return { iterations, received, receivedWhileSpinning, iterationAtData, dataCallbacks };
  });
  assert.equal(outcome.received, 'hello from the server');
  assert.ok(outcome.dataCallbacks >= 1, 'the socket callback fired');
  assert.equal(outcome.receivedWhileSpinning, true, 'the data arrived while the busy loop was still running');
  assert.ok(outcome.iterations < MAX_ITERATIONS, `the busy loop ran ${outcome.iterations} iterations`);
  assert.ok(outcome.iterationAtData > 0, 'the busy loop had been spinning before the data came');
});
