/**
 * Chapter 2 — `shield` protects a task from the cancellation of `waitFor`.
 * Observe: the timeout fires at 5 s but the task goes on; awaiting it again gives 10 at 10 s.
 */
import { TimeoutError, createTask, run, shield, waitFor } from '../../src/index.js';
import { delay, isMain } from '../util.js';

export async function main(): Promise<void> {
  const task = createTask(delay(10));
  try {
    const result = await waitFor(shield(task), 5);
    console.log(result);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    console.log('任务已超时,但不会停止运行!'); // "The task timed out, but it keeps running!"
    const result = await task;
    console.log(result);
  }
}

if (isMain(import.meta.url)) await run(main);
