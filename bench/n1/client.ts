/**
 * The N1 client, the same for every server: C connections to 127.0.0.1:PORT, each sending
 * 100-byte lines and waiting for each echo before sending the next (ping-pong), M lines per
 * connection. Raw node:net, not tsaio, so that it costs every server the same.
 *
 * The server under test starts it (bench/n1/drive.ts, bench/python/n1_echo.py) and they speak
 * over its stdio:
 *   1. the client connects, sends one warm-up line per connection, reads the echoes (so every
 *      connection is accepted and its handler running), then prints "ready";
 *   2. the server notes its CPU time and writes "go" to the client's stdin;
 *   3. the client sends the C × M lines, timing them, then prints one JSON line
 *      `{"ms", "msgs", "clientCpuUs"}` and closes its connections.
 *
 * Usage: node --import tsx bench/n1/client.ts PORT CONNECTIONS LINES_PER_CONNECTION
 */
import * as net from 'node:net';

export const LINE_BYTES = 100;
const LINE = Buffer.from(`${'x'.repeat(LINE_BYTES - 1)}\n`);

const [port, connections, perConnection] = process.argv.slice(2, 5).map(Number);
if (![port, connections, perConnection].every((n) => Number.isInteger(n) && n > 0)) {
  throw new TypeError(`usage: client.ts PORT CONNECTIONS LINES_PER_CONNECTION, got ${process.argv.slice(2).join(' ')}`);
}

/** One connection: sends a line, counts the echoed bytes, sends the next once the whole line is back. */
class Pinger {
  readonly socket: net.Socket;
  #left = 0;
  #pending = 0;
  #done: (() => void) | null = null;

  constructor(socket: net.Socket) {
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.#pending -= chunk.length;
      if (this.#pending > 0) return;
      if (this.#pending < 0) throw new Error(`the server sent ${-this.#pending} bytes too many`);
      if (--this.#left > 0) this.#send();
      else this.#done?.();
    });
  }

  /** Sends `count` lines one after the other; resolves when the last echo is back. */
  run(count: number): Promise<void> {
    this.#left = count;
    return new Promise((resolve) => {
      this.#done = resolve;
      this.#send();
    });
  }

  #send(): void {
    this.#pending = LINE_BYTES;
    this.socket.write(LINE);
  }
}

function connect(): Promise<Pinger> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve(new Pinger(socket));
    });
    socket.once('error', reject);
  });
}

function stdinLine(): Promise<string> {
  return new Promise((resolve) => {
    process.stdin.once('data', (d: Buffer) => {
      process.stdin.pause();
      resolve(d.toString().trim());
    });
  });
}

const pingers = await Promise.all(Array.from({ length: connections }, connect));
await Promise.all(pingers.map((p) => p.run(1)));
process.stdout.write('ready\n');
const go = await stdinLine();
if (go !== 'go') throw new Error(`expected "go" on stdin, got ${JSON.stringify(go)}`);

const cpu = process.cpuUsage();
const start = performance.now();
await Promise.all(pingers.map((p) => p.run(perConnection)));
const ms = performance.now() - start;
const used = process.cpuUsage(cpu);
process.stdout.write(`${JSON.stringify({ ms, msgs: connections * perConnection, clientCpuUs: used.user + used.system })}\n`);
for (const p of pingers) p.socket.end();
