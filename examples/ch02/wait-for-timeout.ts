/**
 * Chapter 2 — `waitFor` with a timeout cancels the task when time runs out.
 * Observe: "Got a timeout!" after 1 s, and the 2-second task was cancelled (true); it never
 * prints "finished sleeping".
 */
import { TimeoutError, createTask, run, waitFor } from '../../src/index.js';
import { delay, isMain } from '../util.js';

export async function main(): Promise<void> {
  const delayTask = createTask(delay(2));
  try {
    const result = await waitFor(delayTask, 1);
    console.log(result);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    console.log('Got a timeout!');
    console.log(`Was the task cancelled? ${delayTask.cancelled()}`);
  }
}

if (isMain(import.meta.url)) await run(main);
