/**
 * Chapter 9 — an ASGI-style service on node:http and node:cluster.
 * Each request runs in its own task, with a timeout, cancelled when the client goes away (what
 * uvicorn does); a cluster runs one worker per core and restarts a crashed one (gunicorn's job).
 * Observe: one worker process per core is serving; a client that disconnects after
 * 0.3 s gets its handler cancelled at the `await sleep(...)` it was waiting on (the worker logs
 * it); a handler that runs past the 1 s limit answers 504; a worker that crashes is replaced and
 * the service keeps answering. Run with `--serve` to keep it up on port 8000
 * (try `curl localhost:8000/slow?seconds=30` and press Ctrl-C).
 */
import cluster, { type Worker } from 'node:cluster';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  CancelledError,
  Future,
  TimeoutError,
  createTask,
  getRunningLoop,
  run,
  sleep,
  timeout,
} from '../../src/index.js';
import { ClientSession } from '../../src/http/index.js';
import { isMain } from '../util.js';

// ---------------------------------------------------------------- the application (ASGI's `app`)

/** What the server passes to the application for one request (ASGI's `scope`). */
interface Scope {
  method: string;
  path: string;
  query: URLSearchParams;
}

interface Response {
  status: number;
  body: string;
}

type App = (scope: Scope) => Promise<Response>;

const app: App = async (scope) => {
  switch (scope.path) {
    case '/':
      return { status: 200, body: `hello from worker ${process.pid}\n` };
    case '/slow': {
      const seconds = Number(scope.query.get('seconds') ?? '5');
      try {
        await sleep(seconds); // a slow query, a slow upstream call…
      } catch (e) {
        if (e instanceof CancelledError) log(`handler of /slow cancelled while sleeping (${e.message || 'by the timeout'})`);
        throw e;
      }
      return { status: 200, body: `slept ${seconds} s\n` };
    }
    case '/crash':
      // A bug outside any request's task: the worker process dies.
      setImmediate(() => {
        throw new Error('boom: a bug outside any request (the stack trace below is the crash)');
      });
      return { status: 200, body: 'crashing\n' };
    default:
      return { status: 404, body: 'not found\n' };
  }
};

// ---------------------------------------------------------------- the server (uvicorn's role)

/** Worker log lines go to the primary, which prints them (tagged with the worker's pid). */
function log(text: string): void {
  if (cluster.isWorker && process.send !== undefined) process.send({ log: text });
  else console.log(text);
}

/**
 * Serves `app` on `port` until the process is told to stop. Each request runs in its own task
 * under `timeout(requestTimeout)`; when the client disconnects first, the task is cancelled.
 */
async function serve(application: App, port: number, requestTimeout: number): Promise<void> {
  const loop = getRunningLoop();
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const scope: Scope = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams };
    const started = loop.time();
    // This callback comes from Node, outside any task: the loop creates the request's task.
    const task = loop.createTask<Response>(() => timeout(requestTimeout, () => application(scope)), {
      name: `${scope.method} ${url.pathname}${url.search}`,
    });
    res.on('close', () => {
      if (!res.writableFinished && !task.done()) task.cancel('client disconnected');
    });
    task.addDoneCallback(() => {
      const took = (loop.time() - started).toFixed(1);
      if (task.cancelled()) {
        log(`task ${task.getName()} cancelled after ${took} s: the client disconnected`);
        return;
      }
      const error = task.exception();
      const response: Response =
        error === null
          ? task.result()
          : error instanceof TimeoutError
            ? { status: 504, body: `timed out after ${requestTimeout} s\n` }
            : { status: 500, body: 'internal error\n' };
      if (error instanceof TimeoutError) log(`task ${task.getName()} timed out after ${took} s: 504`);
      res.writeHead(response.status, { 'content-type': 'text/plain' }).end(response.body);
    });
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(port, resolve));
  // Serve until the primary disconnects this worker.
  const stopped = new Future<void>();
  process.once('disconnect', () => {
    server.close();
    server.closeAllConnections();
    if (!stopped.done()) stopped.setResult();
  });
  await stopped;
}

// ---------------------------------------------------------------- the supervisor (gunicorn's role)

interface Cluster {
  port: number;
  /** Resolves with the next log line matching `pattern`. */
  nextLog(pattern: RegExp): Promise<string>;
  /** Resolves when a replacement worker is listening. */
  nextRestart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `workers` workers and restarts any that dies, until `stop()`. */
async function startCluster(workers: number, port: number, requestTimeout: number): Promise<Cluster> {
  cluster.setupPrimary({
    exec: fileURLToPath(import.meta.url),
    execArgv: ['--import', import.meta.resolve('tsx')],
    args: ['--worker', String(port), String(requestTimeout)],
  });
  let stopping = false;
  let listeningPort = port;
  const logWaiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const restartWaiters: (() => void)[] = [];
  const fork = (): Promise<Worker> =>
    new Promise((resolve) => {
      const worker = cluster.fork();
      worker.on('message', (msg: { log?: string }) => {
        if (msg.log === undefined) return;
        const line = `[worker ${worker.process.pid}] ${msg.log}`;
        console.log(line);
        const i = logWaiters.findIndex((w) => w.pattern.test(line));
        if (i >= 0) logWaiters.splice(i, 1)[0]!.resolve(line);
      });
      worker.once('listening', (address) => {
        listeningPort = address.port;
        resolve(worker);
      });
      worker.once('exit', (code, signal) => {
        if (stopping) return;
        console.log(`worker ${worker.process.pid} died (${signal ?? `exit code ${code}`}); starting a new one`);
        void fork().then((replacement) => {
          console.log(`worker ${replacement.process.pid} is serving`);
          for (const wake of restartWaiters.splice(0)) wake();
        });
      });
    });
  const started = await Promise.all(Array.from({ length: workers }, fork));
  console.log(`${started.length} workers (pids ${started.map((w) => w.process.pid).join(', ')}) serving on port ${listeningPort}`);
  return {
    port: listeningPort,
    nextLog: (pattern) => new Promise((resolve) => logWaiters.push({ pattern, resolve })),
    nextRestart: () => new Promise((resolve) => restartWaiters.push(resolve)),
    stop: async () => {
      stopping = true;
      await new Promise<void>((resolve) => cluster.disconnect(resolve));
    },
  };
}

// ---------------------------------------------------------------- the tour

/** Starts the cluster and exercises it as a client: normal requests, a disconnect, a timeout, a crash. */
export async function main(workers: number = availableParallelism(), requestTimeout: number = 1): Promise<string[]> {
  const service = await startCluster(workers, 0, requestTimeout);
  const outcomes: string[] = [];
  try {
    await using session = new ClientSession();
    const base = `http://127.0.0.1:${service.port}`;
    const get = async (path: string): Promise<string> => {
      await using resp = await session.get(base + path);
      const line = `GET ${path} -> ${resp.status} ${(await resp.text()).trim()}`;
      console.log(line);
      outcomes.push(line);
      return line;
    };

    for (let i = 0; i < workers; i++) await get('/');

    console.log('GET /slow?seconds=30, and the client gives up after 0.3 s:');
    const cancelledLog = service.nextLog(/cancelled after/);
    const impatient = createTask(() => get('/slow?seconds=30'));
    await sleep(0.3);
    impatient.cancel();
    outcomes.push(await cancelledLog);

    await get(`/slow?seconds=${requestTimeout * 5}`);

    console.log('GET /crash:');
    const restarted = service.nextRestart();
    await get('/crash');
    await restarted;
    await get('/');
  } finally {
    await service.stop();
    console.log('cluster stopped');
  }
  return outcomes;
}

if (cluster.isWorker) {
  const [port, requestTimeout] = process.argv.slice(-2).map(Number) as [number, number];
  await run(() => serve(app, port, requestTimeout));
} else if (isMain(import.meta.url)) {
  if (process.argv.includes('--serve')) {
    const service = await run(() => startCluster(availableParallelism(), 8000, 10));
    console.log(`try: curl localhost:${service.port}/  (Ctrl-C to stop)`);
  } else {
    await run(() => main());
  }
}
