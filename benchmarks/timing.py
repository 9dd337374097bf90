"""The one timing helper every benchmark uses, so their figures are taken the same way."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(function: Callable[[], object], repeat: int = 5) -> float:
    """Fastest wall time of ``repeat`` calls of ``function`` (seconds): the least disturbed run."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)
