/**
 * Chapter 2 — cancelling a task.
 * Observe: the 10-second task is checked once a second; at 5 s it is cancelled. The cancellation
 * is delivered at the task's next step, so the loop's check at 5 s still finds it running; at
 * 6 s it is done, and awaiting it raises CancelledError ("Our task was cancelled").
 */
import { CancelledError, createTask, run, sleep } from '../../src/index.js';
import { delay, isMain } from '../util.js';

export async function main(): Promise<void> {
  const longTask = createTask(delay(10));
  let secondsElapsed = 0;
  while (!longTask.done()) {
    console.log('Task not finished, checking again in a second.');
    await sleep(1);
    secondsElapsed = secondsElapsed + 1;
    if (secondsElapsed === 5) longTask.cancel();
  }
  try {
    await longTask;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log('Our task was cancelled');
  }
}

if (isMain(import.meta.url)) await run(main);
