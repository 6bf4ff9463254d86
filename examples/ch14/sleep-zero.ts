/**
 * Chapter 14 — `await sleep(0)` forces one iteration of the event loop.
 * Observe: without it, "获取到任务:" ("got the tasks") is printed before either task starts;
 * with a `sleep(0)` after each `createTask`, each task starts ("sleeping for …") before the
 * next line of main runs.
 */
import { coroutine, createTask, gather, run, sleep } from '../../src/index.js';
import { delay, isMain } from '../util.js';

const createTasksNoSleep = coroutine(async function createTasksNoSleep(): Promise<void> {
  const task1 = createTask(delay(1));
  const task2 = createTask(delay(2));
  console.log('获取到任务:');
  await gather(task1, task2);
});

const createTasksSleep = coroutine(async function createTasksSleep(): Promise<void> {
  const task1 = createTask(delay(1));
  await sleep(0);
  const task2 = createTask(delay(2));
  await sleep(0);
  console.log('获取到任务:');
  await gather(task1, task2);
});

export async function main(): Promise<void> {
  console.log('--- 没有使用 asyncio.sleep(0) ---'); // without sleep(0)
  await createTasksNoSleep();
  console.log('--- 使用 asyncio.sleep(0) ---'); // with sleep(0)
  await createTasksSleep();
}

if (isMain(import.meta.url)) await run(main);
