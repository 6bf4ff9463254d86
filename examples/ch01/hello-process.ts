/**
 * Chapter 1 — a child process (Python's `multiprocessing.Process`; Node's `child_process.fork`).
 * Observe: two different process ids. The parent usually prints first: starting a process
 * takes a while, and the parent does not wait for it until `join` (here: the 'exit' event).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/index.js';
import { isMain } from '../util.js';

function helloFromProcess(): void {
  console.log(`Hello from child process ${process.pid}!`);
}

export async function main(): Promise<void> {
  // The child runs this same file with `--child`; tsx compiles it there too.
  const helloProcess = fork(fileURLToPath(import.meta.url), ['--child'], { execArgv: ['--import', import.meta.resolve('tsx')] });
  console.log(`Hello from parent process ${process.pid}`);
  await new Promise<void>((resolve, reject) => {
    helloProcess.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`child exited with ${code}`))));
    helloProcess.once('error', reject);
  });
}

if (isMain(import.meta.url)) {
  if (process.argv.includes('--child')) helloFromProcess();
  else await run(main);
}
