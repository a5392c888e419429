from __future__ import annotations

import uuid

from inspector.domain.hlc import HybridClock, pack, physical_ms, to_datetime
from inspector.domain.ids import uuid7, uuid7_from_parts, uuid7_time_ms


def test_uuid7_layout_matches_rfc9562_test_vector() -> None:
    # RFC 9562 appendix A.6: 017F22E2-79B0-7CC3-98C4-DC0C0C07398F
    value = uuid7_from_parts(0x017F22E279B0, 0xCC3, 0x18C4DC0C0C07398F)
    assert str(value).upper() == "017F22E2-79B0-7CC3-98C4-DC0C0C07398F"
    assert value.version == 7
    assert value.variant == uuid.RFC_4122


def test_uuid7_strictly_increasing_within_one_millisecond() -> None:
    ids = [uuid7(now_ms=1_700_000_000_000) for _ in range(2000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert all(uuid.UUID(i).version == 7 for i in ids)


def test_uuid7_carries_its_time() -> None:
    assert uuid7_time_ms(uuid7(now_ms=1_800_000_000_123)) >= 1_800_000_000_123


def test_hlc_never_goes_backwards_when_the_wall_clock_does() -> None:
    wall = [1000, 2000, 1500, 1500, 3000]
    clock = HybridClock(clock=lambda: wall.pop(0))
    stamps = [clock.tick() for _ in range(5)]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == 5
    assert physical_ms(stamps[-1]) == 3000


def test_hlc_orders_after_what_it_has_seen() -> None:
    clock = HybridClock(clock=lambda: 1000)
    remote = pack(5000, 7)
    clock.observe(remote)
    assert clock.tick() > remote
    assert to_datetime(remote).year == 1970


def test_reproducible_ids_repeat_and_later_ids_still_sort_after() -> None:
    from inspector.domain.ids import reproducible, uuid7

    before = uuid7()
    runs = []
    for _ in range(2):
        with reproducible(7, 1_700_000_000_000):
            runs.append([uuid7() for _ in range(50)])
    assert runs[0] == runs[1]
    assert runs[0] == sorted(set(runs[0]))
    with reproducible(8, 1_700_000_000_000):
        assert uuid7() not in runs[0]
    after = uuid7()
    assert after > before
    assert after > max(runs[0])
