"""Where a test run's time goes, from pytest's `--durations=0` report: the 25 slowest tests (their
set-up, call and tear-down added up) and the 25 slowest set-ups (fixtures). Used by `make test-times`."""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

LINE = re.compile(r"^(\d+\.\d+)s (setup|call|teardown)\s+(\S.*)$")


def read(report: str) -> list[tuple[float, str, str]]:
    return [(float(m[1]), m[2], m[3]) for m in map(LINE.match, report.splitlines()) if m]


def main(path: str, top: int = 25) -> None:
    steps = read(Path(path).read_text())
    per_test: dict[str, float] = defaultdict(float)
    for seconds, _, test in steps:
        per_test[test] += seconds
    total = sum(per_test.values())
    print(f"{len(per_test)} tests, {total / 60:.1f} worker-minutes in all")
    print(f"\nThe {top} slowest tests (set-up + call + tear-down):")
    for test, seconds in sorted(per_test.items(), key=lambda item: -item[1])[:top]:
        print(f"{seconds:8.1f} s  {test}")
    print(f"\nThe {top} slowest set-ups (the fixtures a test waited for):")
    for seconds, _, test in sorted((s for s in steps if s[1] == "setup"), key=lambda s: -s[0])[:top]:
        print(f"{seconds:8.1f} s  {test}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
