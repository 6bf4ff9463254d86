/**
 * Chapter 4 — an asynchronous context manager: `await using` with `Symbol.asyncDispose`
 * (Python's `async with` with `__aenter__`/`__aexit__`).
 * Observe: entering takes a second, the body runs, leaving takes another second; when the body
 * throws, the resource is still released before the error reaches the caller. (`await using`
 * does not show the error to the dispose method, unlike `__aexit__`: catch it around the block.)
 */
import { run, sleep } from '../../src/index.js';
import { isMain } from '../util.js';

class AsyncContextManager implements AsyncDisposable {
  private constructor(readonly message: string) {}

  /** `__aenter__`: acquires the resource asynchronously. */
  static async enter(): Promise<AsyncContextManager> {
    console.log('进入上下文管理器'); // entering the context manager
    await sleep(1);
    return new AsyncContextManager('进入上下文管理器成功'); // entered successfully
  }

  /** `__aexit__`: releases it asynchronously. */
  async [Symbol.asyncDispose](): Promise<void> {
    console.log('离开上下文管理器'); // leaving the context manager
    await sleep(1);
  }
}

export async function main(): Promise<void> {
  {
    await using result = await AsyncContextManager.enter();
    console.log(result.message);
  }
  console.log('没有发生异常'); // no exception
  try {
    await using result = await AsyncContextManager.enter();
    console.log(result.message);
    throw new Error('boom');
  } catch (e) {
    console.log(`发生异常:${String(e)}`); // an exception happened
  }
}

if (isMain(import.meta.url)) await run(main);
