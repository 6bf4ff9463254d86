/**
 * Chapter 4 — pass tasks, not coroutines, to `wait`.
 * Observe: passing the coroutines themselves is a TypeError (asyncio 3.11+ refuses them too:
 * `wait` would wrap each in a new task, and `task === apiB` could never be true). Wrapped in
 * `createTask` first, the identity check works and the slow call is cancelled:
 * "API B too slow, cancelling".
 */
import { createTask, run, wait } from '../../src/index.js';
import { ClientSession } from '../../src/http/index.js';
import { startLocalServer } from '../local-server.js';
import { fetchStatus, isMain } from '../util.js';

export async function main(slow: number = 2, timeout: number = 1): Promise<void> {
  await using server = await startLocalServer({ delay: 0.05 }); // stands in for https://www.baidu.com
  await using session = new ClientSession();
  const url = server.url;

  const apiACoro = fetchStatus(session, url);
  const apiBCoro = fetchStatus(session, url, slow);
  try {
    // @ts-expect-error: tsaio's types refuse coroutines here too; this shows the runtime error.
    await wait([apiACoro, apiBCoro], { timeout });
  } catch (e) {
    console.log(`wait([coroutines]) -> ${(e as Error).name}: ${(e as Error).message}`);
    apiACoro.close();
    apiBCoro.close();
  }

  const apiA = createTask(fetchStatus(session, url));
  const apiB = createTask(fetchStatus(session, url, slow));
  const [, pending] = await wait([apiA, apiB], { timeout });
  for (const task of pending) {
    if (task === apiB) {
      console.log('API B too slow, cancelling');
      task.cancel();
    }
  }
}

if (isMain(import.meta.url)) await run(main);
