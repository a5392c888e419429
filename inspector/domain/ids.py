"""Time-ordered row identifiers (UUIDv7, RFC 9562 §5.7).

Rows made on different laptops never collide, and ids sort by creation time, which keeps
SQLite's B-tree inserts near the end of the index.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import threading
import time
import uuid
from collections.abc import Iterator

_lock = threading.Lock()
_last_ms = 0
_last_rand = 0
# Ids must be unique, not secret: a PRNG seeded from the OS draws the random bits without a
# system call per id. Reseeded in a forked child, which would otherwise repeat its parent.
_random = random.Random(os.urandom(32))
os.register_at_fork(after_in_child=lambda: _random.seed(os.urandom(32)))
_fixed = False
_RAND_BITS = 74  # 12 bits of rand_a + 62 bits of rand_b
_RAND_MASK = (1 << _RAND_BITS) - 1


def uuid7_from_parts(unix_ms: int, rand_a: int, rand_b: int) -> uuid.UUID:
    """Assemble a UUIDv7 from its fields (used by tests against the RFC's vector)."""
    value = (unix_ms & 0xFFFF_FFFF_FFFF) << 80
    value |= 0x7 << 76
    value |= (rand_a & 0xFFF) << 64
    value |= 0b10 << 62
    value |= rand_b & ((1 << 62) - 1)
    return uuid.UUID(int=value)


def uuid7(now_ms: int | None = None) -> str:
    """A new UUIDv7 as canonical text, strictly increasing within this process.

    Within one millisecond the 74 random bits are incremented (RFC 9562 §6.2, method 2),
    so ids made in a tight loop still sort in the order they were made.
    """
    global _last_ms, _last_rand
    ms = int(time.time() * 1000) if now_ms is None else now_ms
    with _lock:
        if _fixed or ms <= _last_ms:
            ms = _last_ms
            rand = _last_rand + 1
            if rand > _RAND_MASK:
                ms += 1
                rand = _random.getrandbits(_RAND_BITS - 1)
        else:
            # Leave headroom so the in-millisecond counter cannot overflow in practice.
            rand = _random.getrandbits(_RAND_BITS - 1)
        _last_ms, _last_rand = ms, rand
    value = (
        (ms << 80) | (0x7 << 76) | ((rand >> 62) << 64) | (0b10 << 62) | (rand & ((1 << 62) - 1))
    )
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def uuid7_time_ms(value: str) -> int:
    """The Unix millisecond timestamp embedded in a UUIDv7."""
    return uuid.UUID(value).int >> 80


@contextlib.contextmanager
def reproducible(seed: int, start_ms: int) -> Iterator[None]:
    """Ids made inside are the same on every run: they count up from one seeded value at
    `start_ms`. For the demo only, whose plans are drawn by hashing outfall ids, so that
    the same demo shows the same plans everywhere. Never for real records."""
    global _last_ms, _last_rand, _fixed
    with _lock:
        saved, saved_state = (_last_ms, _last_rand), _random.getstate()
        _random.seed(seed)
        _last_ms, _last_rand, _fixed = start_ms, _random.getrandbits(_RAND_BITS - 1), True
    try:
        yield
    finally:
        with _lock:
            _random.setstate(saved_state)
            # Ids made afterwards must still sort after every id made before.
            (_last_ms, _last_rand), _fixed = max(saved, (_last_ms, _last_rand)), False


def unique_prefixes(ids: list[str], among: list[str], *, minimum: int = 13) -> dict[str, str]:
    """For each of `ids`, the shortest beginning (at least `minimum` characters) that no
    other id of `among` shares: what a list shows for a person to type back. Ids made in
    the same millisecond share their first 13 characters, so a fixed cut can show the
    same text for different records."""
    ordered = sorted(set(among) | set(ids))
    index = {value: i for i, value in enumerate(ordered)}
    out = {}
    for value in ids:
        i = index[value]
        common = 0
        for neighbour in ordered[max(0, i - 1) : i] + ordered[i + 1 : i + 2]:
            n = 0
            while n < min(len(value), len(neighbour)) and value[n] == neighbour[n]:
                n += 1
            common = max(common, n)
        length = max(minimum, common + 1)
        # A cut just after a dash reads as if something were missing: take one more.
        if length < len(value) and value[length - 1] == "-":
            length += 1
        out[value] = value[:length]
    return out


# -- operation ids ------------------------------------------------------------------------

#: UUID version of operation ids bound to their origin (RFC 9562 §5.8: custom layout).
OP_VERSION = 8


def origin_tag(origin: str) -> int:
    """32 bits naming a replica inside the ids of the operations it makes."""
    return int(hashlib.sha256(origin.encode()).hexdigest()[:8], 16)


def op_uuid(tag: int, now_ms: int | None = None) -> str:
    """A new operation id: time-ordered like a UUIDv7 but version 8, carrying the
    origin's `tag` in its last 32 bits, so a replica cannot reuse, in its own name, the id
    of an operation another replica made (an importer refuses a version-8 id whose tag is
    not its origin's; see `op_tag`).

    Layout: 48 bits of milliseconds, version, 12 bits of the counter, variant, 30 more
    bits of the counter, the tag. The 42-bit counter counts up within a millisecond as
    `uuid7`'s does, so one replica's ids stay unique and ordered.
    """
    global _last_op_ms, _last_op_count
    ms = int(time.time() * 1000) if now_ms is None else now_ms
    with _lock:
        if ms <= _last_op_ms:
            ms = _last_op_ms
            count = _last_op_count + 1
            if count >= 1 << 42:
                ms += 1
                count = _random.getrandbits(41)
        else:
            count = _random.getrandbits(41)
        _last_op_ms, _last_op_count = ms, count
    value = (
        (ms << 80)
        | (OP_VERSION << 76)
        | ((count >> 30) << 64)
        | (0b10 << 62)
        | ((count & ((1 << 30) - 1)) << 32)
        | (tag & 0xFFFF_FFFF)
    )
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_last_op_ms = 0
_last_op_count = 0


def op_tag(op_id: str) -> int | None:
    """The origin tag of a version-8 operation id; None for any other id (operations
    made before ids were bound to their origin)."""
    if len(op_id) != 36 or op_id[14] != "8":
        return None
    try:
        return int(op_id[28:], 16)
    except ValueError:
        return None
