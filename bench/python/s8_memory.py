"""S8: RSS growth per pending task, N tasks blocked on one Event."""

import asyncio
import gc
import os

import common

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def rss():
    """Resident set size in bytes (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_SIZE


async def main(n):
    event = asyncio.Event()
    gc.collect()
    before = rss()
    tasks = [asyncio.create_task(event.wait()) for _ in range(n)]
    await asyncio.sleep(0)  # let every task block on the event
    gc.collect()
    after = rss()
    event.set()
    await asyncio.gather(*tasks)
    return {"bytesPerTask": (after - before) / n}


common.run(main)
