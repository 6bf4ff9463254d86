/**
 * A local stand-in for the sites the book calls (www.example.com, baidu.com), so every example
 * runs offline. It answers every GET with `200 OK` after a small, realistic delay, so concurrent
 * requests visibly overlap. `/status/<code>` answers with that status.
 *
 * It runs in a worker thread: like a real remote server it keeps answering while the example's
 * own thread is blocked (the book's point about blocking calls needs exactly that).
 *
 * @example
 * await using server = await startLocalServer({ delay: 0.1 });
 * const resp = await fetch(server.url); // 200 after ~0.1 s
 */
import { Worker } from 'node:worker_threads';

/** A running local server. */
export interface LocalServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  readonly port: number;
  /** How many requests it has answered so far, and the most it was handling at once. */
  stats(): Promise<{ count: number; maxConcurrent: number }>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const SERVER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
let count = 0;
let active = 0;
let maxConcurrent = 0;
const server = http.createServer((req, res) => {
  active++;
  maxConcurrent = Math.max(maxConcurrent, active);
  res.on('close', () => active--);
  const m = /^\\/status\\/(\\d{3})/.exec(req.url || '');
  const status = m ? Number(m[1]) : 200;
  const timer = setTimeout(() => {
    count++;
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(status === 200 ? 'OK' : 'status ' + status);
  }, workerData.delayMs);
  res.on('close', () => clearTimeout(timer));
});
server.keepAliveTimeout = 5000;
server.listen(workerData.port, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (msg) => {
  if (msg === 'stats') parentPort.postMessage({ stats: { count, maxConcurrent } });
  if (msg === 'close') {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  }
});
`;

/** Starts the server (port 0 = any free port) and resolves once it listens. */
export async function startLocalServer(opts: { delay?: number; port?: number } = {}): Promise<LocalServer> {
  const worker = new Worker(SERVER_SOURCE, {
    eval: true,
    workerData: { delayMs: Math.round((opts.delay ?? 0.05) * 1000), port: opts.port ?? 0 },
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { port: number }) => resolve(m.port));
    worker.once('error', reject);
  });
  let closed: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closed ??= new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.postMessage('close');
    }));
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    stats: () =>
      new Promise((resolve) => {
        const onMessage = (m: { stats?: { count: number; maxConcurrent: number } }): void => {
          if (m.stats === undefined) return;
          worker.off('message', onMessage);
          resolve(m.stats);
        };
        worker.on('message', onMessage);
        worker.postMessage('stats');
      }),
    close,
    [Symbol.asyncDispose]: close,
  };
}
