"""S1: create N tasks, each awaits sleep(0) and returns its index; gather them."""

import asyncio
import time

import common


async def job(i):
    await asyncio.sleep(0)
    return i


async def main(n):
    start = time.perf_counter()
    tasks = [asyncio.create_task(job(i)) for i in range(n)]
    results = await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    assert results[-1] == n - 1
    return {"ms": elapsed * 1000}


common.run(main)
