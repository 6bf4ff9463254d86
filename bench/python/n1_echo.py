"""N1: an echo server on asyncio.start_server: readline, write, drain until EOF, per client.

The same Node client as the TypeScript side (bench/n1/client.ts, raw node:net) sends N 100-byte
lines over 100 connections, ping-pong; it runs on core 1, this server on core 0 (taskset), and
the server's CPU time (time.process_time, every thread) is read around the timed part only.
"""

import asyncio
import json
import os
import shutil
import sys
import time

import common

CONNECTIONS = 100
CLIENT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "n1", "client.ts")


async def echo(reader, writer):
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(line)
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def drive_client(port, n):
    """Start the client (pinned to core 1, this process to core 0), time it, return the result."""
    node = shutil.which("node") or "node"
    per_connection = max(1, round(n / CONNECTIONS))
    command = [node, "--import", "tsx", CLIENT, str(port), str(CONNECTIONS), str(per_connection)]
    pin = (os.cpu_count() or 1) >= 2 and shutil.which("taskset") is not None
    if pin:
        command = ["taskset", "-c", "1"] + command
    client = await asyncio.create_subprocess_exec(*command, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
    ready = (await client.stdout.readline()).decode().strip()
    if ready != "ready":
        raise RuntimeError(f"the N1 client said {ready!r}, not 'ready'")
    cpu = time.process_time()
    client.stdin.write(b"go\n")
    await client.stdin.drain()
    result = json.loads(await client.stdout.readline())
    cpu_us = (time.process_time() - cpu) * 1e6
    client.stdin.close()
    if await client.wait() != 0:
        raise RuntimeError(f"the N1 client exited with {client.returncode}")
    return {
        "msgsPerSec": result["msgs"] / result["ms"] * 1000,
        "ms": result["ms"],
        "serverCpuUsPerMsg": cpu_us / result["msgs"],
        "clientBusy": result["clientCpuUs"] / (result["ms"] * 1000),
        "pinned": 1 if pin else 0,
    }


async def main(n):
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        return await drive_client(port, n)


if (os.cpu_count() or 1) >= 2 and shutil.which("taskset"):
    os.sched_setaffinity(0, {0})
common.run(main)
