"""Peak resident memory of a stretch of code in this process (Linux), used the same
way for the floor and for the pipeline so their figures compare."""

from __future__ import annotations

import contextlib
from pathlib import Path


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])  # kB
    return 0


class Peak:
    """Reset the kernel's high-water mark, remember the resident size; stop() gives the
    peak growth in MB since then."""

    def __init__(self) -> None:
        with contextlib.suppress(OSError):
            Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
        self.base = _status("VmRSS")

    def stop(self) -> float:
        return max(0, _status("VmHWM") - self.base) / 1024
