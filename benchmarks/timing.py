"""Per-call timing of several implementations side by side, shared by the micro-benchmarks."""

from __future__ import annotations

import timeit
from collections.abc import Callable, Hashable
from typing import TypeVar

Key = TypeVar("Key", bound=Hashable)


def best_seconds(
    calls: dict[Key, Callable[[], object]], seconds: float, rounds: int = 5
) -> dict[Key, float]:
    """Seconds per call of each: the best of ``rounds`` rounds of about ``seconds`` each.

    The calls take turns within every round, so a slow spell of the machine (a shared virtual
    CPU's speed moves by a third from one second to the next here) hits all of them, not the
    one that happened to be timed then."""
    timers = {key: timeit.Timer(call) for key, call in calls.items()}
    numbers = {key: max(1, int(t.autorange()[0] * seconds / 0.2)) for key, t in timers.items()}
    best = dict.fromkeys(calls, float("inf"))
    for _ in range(rounds):
        for key, timer in timers.items():
            best[key] = min(best[key], timer.timeit(numbers[key]) / numbers[key])
    return best
