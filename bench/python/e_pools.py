"""E1, E2, E4 on CPython's concurrent.futures pools, for context (usage: e_pools.py SIZE e1|e2|e4 [thread|process]).

The jobs and sizes are those of the tsaio programs; the pool has 2 workers. E1 submits every job
at once and waits for all, E2 submits and waits one at a time, E4 is the median time from a new
pool to its first result. (E3's counts to 2e8 would take minutes in CPython; it is not run.)
"""

import json
import operator
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, wait


def main():
    n = int(sys.argv[1])
    scenario = sys.argv[2]
    kind = sys.argv[3] if len(sys.argv) > 3 else "process"
    Pool = ProcessPoolExecutor if kind == "process" else ThreadPoolExecutor
    if scenario == "e4":
        times = []
        for i in range(n):
            start = time.perf_counter()
            with Pool(max_workers=2) as pool:
                assert pool.submit(operator.add, i, 1).result() == i + 1
                times.append((time.perf_counter() - start) * 1000)
        times.sort()
        print(json.dumps({"ms": times[len(times) // 2]}))
        return
    with Pool(max_workers=2) as pool:
        wait([pool.submit(operator.add, 0, 0) for _ in range(2)])
        start = time.perf_counter()
        if scenario == "e1":
            futures = [pool.submit(operator.add, i, 1) for i in range(n)]
            assert futures[-1].result() == n
            wait(futures)
        elif scenario == "e2":
            last = 0
            for i in range(n):
                last = pool.submit(operator.add, i, 1).result()
            assert last == n
        else:
            raise SystemExit(f"unknown scenario {scenario}")
        ms = (time.perf_counter() - start) * 1000
    print(json.dumps({"ms": ms}))


if __name__ == "__main__":
    main()
