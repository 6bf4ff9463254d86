"""S3: 4 tasks, each N times: acquire a shared Lock, sleep(0), release."""

import asyncio
import time

import common

WORKERS = 4


async def worker(lock, n):
    for _ in range(n):
        async with lock:
            await asyncio.sleep(0)


async def main(n):
    lock = asyncio.Lock()
    start = time.perf_counter()
    await asyncio.gather(*(worker(lock, n) for _ in range(WORKERS)))
    return {"ms": (time.perf_counter() - start) * 1000}


common.run(main)
