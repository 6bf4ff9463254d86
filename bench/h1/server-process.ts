/**
 * Starts the H1 server (server.ts) in its own process, pinned to the last core when `taskset`
 * exists, and pins this process to the first, so that client and server never share a core.
 */
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));

function hasTaskset(): boolean {
  return availableParallelism() >= 2 && spawnSync('taskset', ['-V']).status === 0;
}

/** The server's base URL and a function that stops it. */
export async function startH1Server(): Promise<{ url: string; stop(): void }> {
  const pin = hasTaskset();
  if (pin) spawnSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  const last = String(availableParallelism() - 1);
  const [command, args] = pin
    ? ['taskset', ['-c', last, process.execPath, '--import', 'tsx', SERVER]]
    : [process.execPath, ['--import', 'tsx', SERVER]];
  const child = spawn(command, args as string[], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the H1 server exited with ${code}`)));
    child.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
  });
  child.removeAllListeners('exit');
  return {
    url: `http://127.0.0.1:${port}/`,
    stop() {
      child.stdin!.end();
      child.kill();
    },
  };
}
