"""Whether a plan target (chỉ tiêu) is met in a period."""

from __future__ import annotations

from pipeline.model import Target

MET, NOT_MET, NO_DATA = "Đạt", "Chưa đạt", "Chưa có số liệu"


def met(actual: float, op: str, value: float) -> bool:
    # "=" targets such as "100% hồ sơ được số hóa" are met at or above the figure.
    return {">=": actual >= value, ">": actual > value, "=": actual >= value, "<=": actual <= value,
            "<": actual < value}[op]


def verdict(target: Target, period: int) -> tuple[float | None, str]:
    actual = target.actual.get(period)
    if actual is None:
        return None, NO_DATA
    return actual, MET if met(actual, target.op, target.value) else NOT_MET
