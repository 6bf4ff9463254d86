/**
 * Chapter 11 — an asyncio Lock: one task in the critical section at a time.
 * Observe: a takes the lock and sleeps 2 s; b asks for it meanwhile and only gets it when a
 * releases it, at 2 s; b releases it at 4 s.
 */
import { Lock, coroutine, gather, run } from '../../src/index.js';
import { delay, isMain } from '../util.js';

const a = coroutine(async function a(lock: Lock): Promise<void> {
  console.log('等待 a 获取锁'); // a waits for the lock
  {
    await using _ = await lock.hold();
    console.log('a 获取到了锁'); // a has the lock
    await delay(2);
  }
  console.log('a 释放了锁'); // a released the lock
});

const b = coroutine(async function b(lock: Lock): Promise<void> {
  console.log('等待 b 获取锁');
  {
    await using _ = await lock.hold();
    console.log('b 获取到了锁');
    await delay(2);
  }
  console.log('b 释放了锁');
});

export async function main(): Promise<void> {
  const lock = new Lock();
  await gather(a(lock), b(lock));
}

if (isMain(import.meta.url)) await run(main);
