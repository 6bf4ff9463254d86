"""H1: N GETs to a local HTTP server through one aiohttp ClientSession (limit 100), gathered; bodies read."""

import asyncio
import os
import shutil
import subprocess
import time

import aiohttp

import common

SERVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "h1", "server.ts")


def start_server():
    """The same Node server as the TypeScript side, on the last core; this process on the first."""
    node = shutil.which("node")
    command = [node, "--import", "tsx", SERVER]
    cores = os.cpu_count() or 1
    if cores >= 2 and shutil.which("taskset"):
        os.sched_setaffinity(0, {0})
        command = ["taskset", "-c", str(cores - 1)] + command
    server = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    port = int(server.stdout.readline())
    return server, f"http://127.0.0.1:{port}/"


async def fetch_body(session, url):
    async with session.get(url) as resp:
        return len(await resp.read())


async def main(n):
    server, url = start_server()
    try:
        connector = aiohttp.TCPConnector(limit=100)
        async with aiohttp.ClientSession(connector=connector) as session:
            cpu = time.process_time()
            start = time.perf_counter()
            sizes = await asyncio.gather(*[fetch_body(session, url) for _ in range(n)])
            ms = (time.perf_counter() - start) * 1000
            cpu_us = (time.process_time() - cpu) * 1e6
        assert len(sizes) == n and all(s == 100 for s in sizes)
        return {"ms": ms, "cpuUsPerRequest": cpu_us / n}
    finally:
        server.stdin.close()
        server.kill()


common.run(main)
