"""Entry point shared by the asyncio anchors, the Python twin of bench/lib/program.ts.

Usage: ``python3 sN_name.py SIZE [--uvloop]``. Runs ``main(SIZE)`` as ``asyncio.run`` does, on
uvloop when asked, and prints the dict it returns as the one JSON line the harness reads.
"""

import asyncio
import json
import sys


def run(main):
    """Run the coroutine function ``main(size)`` and print its result as one JSON line."""
    size = int(sys.argv[1])
    loop_factory = None
    if "--uvloop" in sys.argv[2:]:
        import uvloop

        loop_factory = uvloop.new_event_loop
    # asyncio.run(main, loop_factory=...) of 3.12 is exactly this Runner, which 3.11 already has.
    with asyncio.Runner(loop_factory=loop_factory) as runner:
        result = runner.run(main(size))
    print(json.dumps(result))
