"""S2: one task, N sequential sleep(0)."""

import asyncio
import time

import common


async def main(n):
    start = time.perf_counter()
    for _ in range(n):
        await asyncio.sleep(0)
    return {"ms": (time.perf_counter() - start) * 1000}


common.run(main)
