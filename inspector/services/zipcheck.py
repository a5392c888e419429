"""How far a ZIP archive of unknown honesty may be trusted before anything in it is
expanded: one rule for every archive the program reads (sync bundles, XLSX workbooks).

Only the central directory and the members' local headers are read here. Python's
`zipfile` never yields more bytes than a member's declared size (it stops there, and a
CRC check fails), so checking declared sizes before reading bounds what reading costs.
"""

from __future__ import annotations

import itertools
import struct
import zipfile
from collections.abc import Sequence

#: Uncompressed/compressed ceiling for a compressed member. Operation JSON and worksheet
#: XML compress about 6-20x; a zip bomb compresses about 1000x.
MAX_RATIO = 100
#: Members smaller than this (compressed) may expand to MAX_RATIO times this much: tiny
#: members of repetitive text legitimately compress beyond the ratio.
RATIO_FLOOR = 1024


class UnsafeArchive(Exception):
    """Why an archive is refused before it is read. `reason` is one of "damaged",
    "overlap", "ratio", "too_big", "members"; `member` names the member at fault."""

    def __init__(self, reason: str, member: str = "") -> None:
        super().__init__(reason, member)
        self.reason = reason
        self.member = member


def expands_too_far(size: int, info: zipfile.ZipInfo) -> bool:
    """Whether a member said to hold `size` bytes expands beyond the ratio rule."""
    return info.compress_type != zipfile.ZIP_STORED and size > MAX_RATIO * max(
        info.compress_size, RATIO_FLOOR
    )


def check_layout(zf: zipfile.ZipFile, infos: Sequence[zipfile.ZipInfo]) -> None:
    """Each member's local header and data must lie before the next one's: overlapping
    entries are how a 42 kB file claims gigabytes."""
    fp = zf.fp
    assert fp is not None
    spans = []
    for info in infos:
        fp.seek(info.header_offset)
        header = fp.read(30)
        if len(header) != 30 or header[:4] != b"PK\x03\x04":
            raise UnsafeArchive("damaged", info.filename)
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        start = info.header_offset
        end = start + 30 + name_len + extra_len + info.compress_size
        spans.append((start, end, info.filename))
    spans.sort()
    directory = getattr(zf, "start_dir", None)
    for (_, end, name), (next_start, _, _) in itertools.pairwise(spans):
        if end > next_start:
            raise UnsafeArchive("overlap", name)
    if directory is not None and spans and spans[-1][1] > directory:
        raise UnsafeArchive("overlap", spans[-1][2])


def check_expansion(
    zf: zipfile.ZipFile, *, max_members: int, max_member: int, max_total: int
) -> None:
    """The whole archive by its declared sizes: few enough members, none too large or
    compressed beyond the ratio rule, not too much in all, laid out without overlaps."""
    infos = zf.infolist()
    if len(infos) > max_members:
        raise UnsafeArchive("members")
    total = 0
    for info in infos:
        if info.file_size > max_member:
            raise UnsafeArchive("too_big", info.filename)
        if expands_too_far(info.file_size, info):
            raise UnsafeArchive("ratio", info.filename)
        total += info.file_size
    if total > max_total:
        raise UnsafeArchive("too_big", "*")
    check_layout(zf, infos)
