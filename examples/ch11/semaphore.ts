/**
 * Chapter 11 — a Semaphore(2): at most two holders at a time.
 * Observe: two operations get the semaphore at once, the other two wait; at 2 s the first two
 * release it and the waiting two get it; all done at 4 s.
 */
import { Semaphore, coroutine, gather, run, sleep } from '../../src/index.js';
import { isMain } from '../util.js';

const operation = coroutine(async function operation(semaphore: Semaphore): Promise<void> {
  console.log('等待获取信号量...'); // waiting for the semaphore
  {
    await using _ = await semaphore.hold();
    console.log('获取到信号量!'); // got the semaphore
    await sleep(2);
  }
  console.log('释放信号量!'); // released the semaphore
});

export async function main(): Promise<void> {
  const semaphore = new Semaphore(2);
  await gather(...Array.from({ length: 4 }, () => operation(semaphore)));
}

if (isMain(import.meta.url)) await run(main);
