/**
 * Chapter 11 — a Condition: workers wait until `notifyAll()`.
 * Observe: every 5 s fireEvent notifies both workers; each wakes up holding the condition's
 * lock in turn (work1 then work2, one second each) and waits again. The book's loop is endless;
 * here a 12.5 s time limit ends it after two rounds.
 */
import { Condition, TimeoutError, coroutine, createTask, gather, run, sleep, timeout } from '../../src/index.js';
import { isMain } from '../util.js';

const doWork = coroutine(async function doWork(condition: Condition, name: string): Promise<never> {
  while (true) {
    await using _ = await condition.hold();
    console.log(`${name} 等待 notify_all ...`); // waiting for notify_all
    await condition.wait();
    console.log(`${name} 监听到 notify_all 事件...`); // got notify_all
    await sleep(1);
    console.log(`${name} 工作结束,释放锁.`); // done, releasing the lock
  }
});

const fireEvent = coroutine(async function fireEvent(condition: Condition): Promise<never> {
  while (true) {
    await sleep(5);
    await using _ = await condition.hold();
    console.log('fire_event,即将通知所有开始工作.'); // about to notify everyone
    condition.notifyAll();
    console.log('fire_event 通知工作结束.'); // notified
  }
});

export async function main(timeLimit: number = 12.5): Promise<void> {
  const condition = new Condition();
  const fire = createTask(fireEvent(condition));
  try {
    await timeout(timeLimit, () => gather(doWork(condition, 'work1'), doWork(condition, 'work2')));
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    console.log(`time limit of ${timeLimit} s reached`);
  } finally {
    fire.cancel();
  }
}

if (isMain(import.meta.url)) await run(main);
