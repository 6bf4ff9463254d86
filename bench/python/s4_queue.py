"""S4: Queue(maxsize=100), one producer and one consumer pass N items."""

import asyncio
import time

import common

MAXSIZE = 100


async def producer(queue, n):
    for i in range(n):
        await queue.put(i)


async def consumer(queue, n):
    total = 0
    for _ in range(n):
        total += await queue.get()
    return total


async def main(n):
    queue = asyncio.Queue(MAXSIZE)
    start = time.perf_counter()
    _, total = await asyncio.gather(producer(queue, n), consumer(queue, n))
    elapsed = time.perf_counter() - start
    assert total == n * (n - 1) // 2
    return {"ms": elapsed * 1000}


common.run(main)
