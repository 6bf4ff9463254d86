/**
 * A real node:http server on 127.0.0.1 (port 0) for the HTTP client tests, with counters the
 * tests assert on: connections open at once, requests in flight at once.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Connections open now, the most ever open at once, and how many were accepted in all. */
  readonly connections: { open: number; maxOpen: number; total: number };
  /** Requests being answered now, and the most at once. */
  readonly requests: { inFlight: number; maxInFlight: number; total: number };
  /** Requests whose client went away before the response ended. */
  aborted: number;
  close(): Promise<void>;
}

/** Shared counter of open connections across several servers (for the global limit). */
export class ConnectionMeter {
  open = 0;
  maxOpen = 0;
  opened(): void {
    this.open++;
    if (this.open > this.maxOpen) this.maxOpen = this.open;
  }
  closed(): void {
    this.open--;
  }
}

const sleep = (ms: number, timers: Set<NodeJS.Timeout>): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(() => {
      timers.delete(t);
      resolve();
    }, ms);
    timers.add(t);
  });

/**
 * Routes (query parameters in brackets):
 * - `/text` → "hello, world" (text/plain); `/json` → {"hello":"world"}; `/bytes` → bytes 0..255
 * - `/status/<code>` → that status, body "status <code>"
 * - `/echo` → JSON of method, url, headers, body
 * - `/delay` [ms=20] → waits, then "done"
 * - `/stall` [ms=5000] → waits before the headers
 * - `/stall-body` [ms=5000] → headers and a first chunk, then waits before the rest
 * - `/drip` [n=5, gap=10 (ms)] → n chunks "chunk-i;" with gaps
 * - `/redirect` [to=/text, status=302, n=1] → n redirects, the last one to `to`
 * - `/big` [kb=256] → a large body in 16 KiB chunks, each after the previous drained
 */
export async function startServer(meter?: ConnectionMeter): Promise<TestServer> {
  const timers = new Set<NodeJS.Timeout>();
  const connections = { open: 0, maxOpen: 0, total: 0 };
  const requests = { inFlight: 0, maxInFlight: 0, total: 0 };
  const state = { aborted: 0 };
  const server = http.createServer(async (req, res) => {
    requests.inFlight++;
    requests.total++;
    if (requests.inFlight > requests.maxInFlight) requests.maxInFlight = requests.inFlight;
    let counted = true;
    const done = (): void => {
      if (counted) {
        counted = false;
        requests.inFlight--;
      }
    };
    res.on('close', () => {
      if (!res.writableFinished) state.aborted++;
      done();
    });
    const url = new URL(req.url ?? '/', 'http://x');
    const q = (name: string, dflt: number): number => Number(url.searchParams.get(name) ?? dflt);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = url.pathname;
    const send = (code: number, type: string, body: string | Buffer): void => {
      const bytes = typeof body === 'string' ? Buffer.from(body) : body;
      res.writeHead(code, { 'content-type': type, 'content-length': bytes.length }).end(req.method === 'HEAD' ? undefined : bytes);
    };
    if (path === '/text') {
      send(200, 'text/plain; charset=utf-8', 'hello, world');
    } else if (path === '/json') {
      send(200, 'application/json', '{"hello":"world"}');
    } else if (path === '/bytes') {
      send(200, 'application/octet-stream', Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
    } else if (path.startsWith('/status/')) {
      const code = Number(path.slice('/status/'.length));
      send(code, 'text/plain', code === 204 || code === 304 ? '' : `status ${code}`);
    } else if (path === '/echo') {
      const body = Buffer.concat(chunks).toString('utf8');
      send(200, 'application/json', JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
    } else if (path === '/redirect') {
      // [to=/text, status=302, n=1]: n hops, then `to`.
      const n = q('n', 1);
      const to = n > 1 ? `/redirect?n=${n - 1}&status=${q('status', 302)}&to=${encodeURIComponent(url.searchParams.get('to') ?? '/text')}` : url.searchParams.get('to') ?? '/text';
      res.writeHead(q('status', 302), { location: to, 'content-length': 7 }).end('go away');
    } else if (path === '/delay') {
      await sleep(q('ms', 20), timers);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('done');
    } else if (path === '/stall') {
      await sleep(q('ms', 5000), timers);
      if (!res.destroyed) res.writeHead(200).end('late');
    } else if (path === '/stall-body') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first;');
      await sleep(q('ms', 5000), timers);
      if (!res.destroyed) res.end('rest');
    } else if (path === '/drip') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const n = q('n', 5);
      for (let i = 0; i < n && !res.destroyed; i++) {
        res.write(`chunk-${i};`);
        await sleep(q('gap', 10), timers);
      }
      if (!res.destroyed) res.end();
    } else if (path === '/big') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const piece = Buffer.alloc(16 * 1024, 120);
      for (let i = 0; i < q('kb', 256) / 16 && !res.destroyed; i++) {
        if (!res.write(piece)) await new Promise((r) => res.once('drain', r));
      }
      if (!res.destroyed) res.end();
    } else {
      res.writeHead(404).end('not found');
    }
  });
  server.on('connection', (socket: net.Socket) => {
    connections.open++;
    connections.total++;
    if (connections.open > connections.maxOpen) connections.maxOpen = connections.open;
    meter?.opened();
    let closed = false;
    const onGone = (): void => {
      if (closed) return;
      closed = true;
      connections.open--;
      meter?.closed();
    };
    // 'end' (the client's FIN) comes before 'close': count the connection gone at the first.
    socket.on('end', onGone);
    socket.on('close', onGone);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connections,
    requests,
    get aborted() {
      return state.aborted;
    },
    set aborted(v: number) {
      state.aborted = v;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 where nothing listens (a server was bound there and closed). */
export async function refusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A listening socket whose accept queue is full, so that a new TCP connect to it hangs (the
 * kernel drops the SYN): a child process listens with backlog 1 and blocks its event loop
 * without accepting, and two filler connections fill the queue. For sockConnect tests.
 */
export async function hangingListener(): Promise<{ port: number; close(): void }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-e',
      `const s = require('node:net').createServer();
       s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
         process.stdout.write(String(s.address().port) + '\\n');
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
       });`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
    child.once('error', reject);
  });
  const fillers: net.Socket[] = [];
  for (let i = 0; i < 2; i++) {
    const socket = net.connect(port, '127.0.0.1');
    fillers.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
  }
  return {
    port,
    close() {
      for (const s of fillers) s.destroy();
      child.kill('SIGKILL');
    },
  };
}

/**
 * A raw keep-alive HTTP server that answers the first request of each connection and closes the
 * connection, without answering, when a second request arrives on it: what a server does when
 * its idle timeout strikes just as the client reuses the connection.
 */
export async function flakyKeepAliveServer(): Promise<{ url: string; requests: number; dropped: number; close(): Promise<void> }> {
  const stats = { requests: 0, dropped: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let served = 0;
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      while (buffered.includes('\r\n\r\n')) {
        buffered = buffered.slice(buffered.indexOf('\r\n\r\n') + 4);
        stats.requests++;
        if (served++ > 0) {
          stats.dropped++;
          socket.destroy();
          return;
        }
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requests() {
      return stats.requests;
    },
    get dropped() {
      return stats.dropped;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
