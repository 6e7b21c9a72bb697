"""Small timing helpers the benchmarks share."""
from __future__ import annotations

import time


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out
