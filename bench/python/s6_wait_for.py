"""S6: N sequential wait_for(coroutine that returns at once, 10)."""

import asyncio
import time

import common


async def instant(i):
    return i


async def main(n):
    start = time.perf_counter()
    total = 0
    for i in range(n):
        total += await asyncio.wait_for(instant(i), 10)
    elapsed = time.perf_counter() - start
    assert total == n * (n - 1) // 2
    return {"ms": elapsed * 1000}


common.run(main)
