/**
 * The Node side of N1's harness, shared by the tsaio server (scenarios/n1-echo-server.ts) and
 * the raw node:net floor (anchors/n1-net-echo.ts); bench/python/n1_echo.py is its twin.
 *
 * The server program calls {@link driveClient} once it listens: this process is pinned to core 0
 * and the client (client.ts) is started on core 1 (`taskset`; both unpinned when taskset or a
 * second core is missing). The server's CPU time is read around the timed part only.
 */
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Connections, as BENCHMARKS.md's N1 says. */
export const CONNECTIONS = 100;

const CLIENT = fileURLToPath(new URL('./client.ts', import.meta.url));

/** What an N1 server program reports: the metric and its server CPU time per message. */
export interface N1Result {
  msgsPerSec: number;
  ms: number;
  /** The server process's CPU time (user + system, every thread) per message, in µs. */
  serverCpuUsPerMsg: number;
  /** The client's CPU time over the elapsed time: near 1 means the client was the limit. */
  clientBusy: number;
  pinned: number;
}

/** Lines per connection for a size (total lines): at least 1. */
export function linesPerConnection(size: number): number {
  return Math.max(1, Math.round(size / CONNECTIONS));
}

function hasTaskset(): boolean {
  return availableParallelism() >= 2 && spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;
}

/** Runs the N1 client against 127.0.0.1:`port` for `size` lines in all and reports. */
export async function driveClient(port: number, size: number): Promise<N1Result> {
  const pin = hasTaskset();
  if (pin) spawnSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  const clientArgs = ['--import', 'tsx', CLIENT, String(port), String(CONNECTIONS), String(linesPerConnection(size))];
  const [command, args] = pin ? ['taskset', ['-c', '1', process.execPath, ...clientArgs]] : [process.execPath, clientArgs];
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the N1 client exited with ${code}`))));
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const line = await Promise.race([lines.next(), exited.then(() => ({ done: true, value: '' }))]);
    if (line.done) throw new Error('the N1 client stopped early');
    return line.value as string;
  };
  const ready = await next();
  if (ready !== 'ready') throw new Error(`the N1 client said ${JSON.stringify(ready)}, not "ready"`);
  const cpu = process.cpuUsage();
  child.stdin!.write('go\n');
  const result = JSON.parse(await next()) as { ms: number; msgs: number; clientCpuUs: number };
  const used = process.cpuUsage(cpu);
  child.stdin!.end();
  await exited;
  return {
    msgsPerSec: (result.msgs / result.ms) * 1000,
    ms: result.ms,
    serverCpuUsPerMsg: (used.user + used.system) / result.msgs,
    clientBusy: result.clientCpuUs / (result.ms * 1000),
    pinned: pin ? 1 : 0,
  };
}
