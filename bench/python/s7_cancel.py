"""S7: N tasks sleep 3600 s; cancel them all; gather(return_exceptions=True)."""

import asyncio
import time

import common


async def main(n):
    start = time.perf_counter()
    tasks = [asyncio.create_task(asyncio.sleep(3600)) for _ in range(n)]
    await asyncio.sleep(0)  # let every task start sleeping
    for task in tasks:
        task.cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    elapsed = time.perf_counter() - start
    assert all(isinstance(r, asyncio.CancelledError) for r in results)
    return {"ms": elapsed * 1000}


common.run(main)
