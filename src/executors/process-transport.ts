/**
 * Child processes (`child_process.fork`, IPC with `advanced` serialization, so arguments and
 * results are structured clones as with threads). A child inherits the parent's `execArgv`
 * and environment, minus flags that must not be repeated in a child (see worker-launch.ts).
 *
 * @module
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Spawn } from './transport.js';
import { HOOKS_ENV } from './worker-hooks.js';
import { workerLaunch } from './worker-launch.js';

/** A {@link Spawn} that starts child processes. */
export const processSpawn: Spawn = (events) => {
  const launch = workerLaunch();
  const child = fork(fileURLToPath(launch.entry), [], {
    execArgv: [...launch.childExecArgv],
    env: { ...process.env, [HOOKS_ENV]: JSON.stringify(launch.hooks) },
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let lastError: unknown = null;
  let exited = false;
  const exit = (code: number | null, signal: string | null): void => {
    if (exited) return;
    exited = true;
    events.exit(code, signal, lastError);
  };
  child.on('message', (msg) => events.message(msg as never));
  child.on('error', (err) => {
    lastError = err;
    if (child.pid === undefined) exit(null, null); // never started: no 'close' will come
  });
  // 'close' comes after the IPC channel closed, so every message the child sent was delivered.
  child.on('close', (code, signal) => exit(code, signal));
  return {
    send(msg) {
      if (!child.connected) return; // it is exiting: 'close' reports it
      child.send(msg, (err) => {
        if (err) lastError ??= err;
      });
    },
    terminate: () => void child.kill('SIGKILL'),
    ref() {
      child.ref();
      child.channel?.ref();
    },
    unref() {
      child.unref();
      child.channel?.unref();
    },
  };
};
