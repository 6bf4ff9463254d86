"""S5: N tasks, each holds a Semaphore(10) around sleep(0); gather them."""

import asyncio
import time

import common

LIMIT = 10


async def job(semaphore):
    async with semaphore:
        await asyncio.sleep(0)


async def main(n):
    semaphore = asyncio.Semaphore(LIMIT)
    start = time.perf_counter()
    tasks = [asyncio.create_task(job(semaphore)) for _ in range(n)]
    await asyncio.gather(*tasks)
    return {"ms": (time.perf_counter() - start) * 1000}


common.run(main)
