"""The seeded draw of a self-inspection plan (双随机一公开), reproducible anywhere.

Nothing here uses `random`: its generators and their seeding differ between Python
versions, and a published draw must come out the same for anyone who re-runs it, with
any tool. The algorithm is versioned; every plan stores the version it was drawn with,
and each version is kept for ever, so a plan drawn years ago still verifies.

- `sha256-rank/2` (`ALGORITHM`, current): candidates are keyed by the outfall's **public
  code** (the code on the register, the public list and the published result), so two
  databases that imported the same ledger draw the same list from the same seed, and
  anyone holding the published candidate list can re-run the draw without the database
  (`inspector plan verify --published FILE`).
- `sha256-rank/1` (plans drawn before): candidates are keyed by the outfall's internal
  id. Such plans verify against the database that drew them.

The steps, for version V (1 or 2) and a candidate's key K (its code under version 2, its
internal id under version 1):

1. **Candidates** arrive as keys with a stratum key (empty when not stratified). Their
   order does not matter: every step below sorts. Keys must be distinct.
2. **Rank.** Each candidate's rank key is the SHA-256 hex digest of the UTF-8 text
   ``"outfall-inspector/draw/V" US seed US year US county US K`` where US is the unit
   separator U+001F. Candidates are ordered by (digest, K); a tie in the digest is
   astronomically unlikely, and the key settles it.
3. **Sample size.** A count is taken as given. A fraction F (an exact decimal, read as a
   rational number, never as a float) of N candidates gives ``ceil(F × N)``, at least 1.
4. **Allocation across strata** (proportional, largest remainder / Hamilton): stratum h
   with N_h candidates gets ``floor(n × N_h / N)`` (exact rational arithmetic); the seats
   left over go one each to the strata with the largest remainders, ties broken by the
   larger N_h, then by the stratum key in code-point order. Every candidate thus has the
   same chance ``n / N`` of being drawn, up to the rounding of one seat.
5. **Selection.** Each stratum contributes its first n_h candidates by rank; the drawn
   items are listed in rank order over all strata. That order fixes the due dates.
   A full-coverage plan takes every candidate in rank order. A targeted plan orders its
   candidates by priority (the number of reasons that put them on the list), highest
   first, then by rank, and takes the first n (all when no count is given).
6. **Inspectors.** The pool is de-duplicated (names compared after Unicode NFKC and
   whitespace folding). For each item in order, the eligible inspectors are the pool
   minus those with a declared conflict of interest for that outfall; they are ordered by
   (items assigned so far, SHA-256 of ``"outfall-inspector/pair/V" US seed US year US
   county US K US name``, name) and the first two make the pair. The draw is random
   among equally loaded people, and the load stays even. Steps 1-5 and 7 do not depend
   on the pool: the selection and the due dates can be checked by anyone, while the
   pairs (which name people) are checked against the database.
7. **Due dates** are spread evenly from `start` to `end`: item k of n (from 0) is due
   ``start + floor((k + 1) × D / n)`` days, D being the days from start to end; a date
   falling on a Saturday or Sunday moves back to the Friday before, or forward to the
   Monday after if that Friday is before `start` (and stays put if both are outside).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

ALGORITHM = "sha256-rank/2"
"""The version new plans are drawn with."""
ALGORITHM_BY_ID = "sha256-rank/1"
"""Plans drawn before issue 13: candidates keyed by internal id."""
#: Algorithm version -> (rank tag, pair tag).
_TAGS: dict[str, tuple[str, str]] = {
    ALGORITHM_BY_ID: ("outfall-inspector/draw/1", "outfall-inspector/pair/1"),
    ALGORITHM: ("outfall-inspector/draw/2", "outfall-inspector/pair/2"),
}
ALGORITHMS = tuple(_TAGS)
_SEP = "\x1f"


@dataclass(frozen=True)
class Candidate:
    """An outfall that may be drawn. `outfall_id` is the candidate's key in the draw: its
    public code under `sha256-rank/2`, its internal id under `sha256-rank/1`."""

    outfall_id: str
    stratum: str = ""


def _tags(algorithm: str) -> tuple[str, str]:
    tags = _TAGS.get(algorithm)
    if tags is None:
        raise DrawError("unknown_algorithm", algorithm=algorithm)
    return tags


class DrawError(ValueError):
    """A draw that cannot be made; `code` names the reason, `params` the particulars."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}")


def _digest(*parts: str) -> str:
    return hashlib.sha256(_SEP.join(parts).encode("utf-8")).hexdigest()


def rank_key(
    *, seed: str, year: int, county: str, outfall_id: str, algorithm: str = ALGORITHM_BY_ID
) -> str:
    """Step 2: the candidate's place in the draw (lower comes first)."""
    return _digest(_tags(algorithm)[0], seed, str(year), county, outfall_id)


def pair_key(
    *,
    seed: str,
    year: int,
    county: str,
    outfall_id: str,
    name: str,
    algorithm: str = ALGORITHM_BY_ID,
) -> str:
    """Step 6: an inspector's place among the equally loaded, for one item."""
    return _digest(_tags(algorithm)[1], seed, str(year), county, outfall_id, name)


def parse_fraction(text: str) -> Fraction:
    """An exact fraction from a decimal ("0.1", "10%") or a ratio ("1/10"); 0 < F <= 1."""
    raw = unicodedata.normalize("NFKC", str(text)).strip()
    try:
        value = Fraction(raw[:-1].strip()) / 100 if raw.endswith("%") else Fraction(raw)
    except (ValueError, ZeroDivisionError):
        raise DrawError("fraction_unreadable", value=text) from None
    if not 0 < value <= 1:
        raise DrawError("fraction_range", value=text)
    return value


def sample_size(total: int, *, count: int | None = None, fraction: Fraction | None = None) -> int:
    """Step 3: how many to draw from `total` candidates."""
    if total <= 0:
        raise DrawError("no_candidates")
    if count is not None:
        if count < 1:
            raise DrawError("count_range", count=count)
        if count > total:
            raise DrawError("count_too_large", count=count, total=total)
        return count
    if fraction is None:
        return total
    return max(1, math.ceil(fraction * total))


def allocate(sizes: Mapping[str, int], n: int) -> dict[str, int]:
    """Step 4: seats per stratum, proportional by largest remainder."""
    total = sum(sizes.values())
    if not 0 <= n <= total:
        raise DrawError("count_too_large", count=n, total=total)
    quotas = {h: Fraction(n * size, total) for h, size in sizes.items()}
    seats = {h: math.floor(q) for h, q in quotas.items()}
    left = n - sum(seats.values())
    order = sorted(sizes, key=lambda h: (-(quotas[h] - seats[h]), -sizes[h], h))
    for h in order[:left]:
        seats[h] += 1
    return seats


def ranked(
    candidates: Iterable[Candidate],
    *,
    seed: str,
    year: int,
    county: str,
    algorithm: str = ALGORITHM_BY_ID,
) -> list[Candidate]:
    """Step 2: candidates in draw order."""
    return sorted(
        candidates,
        key=lambda c: (
            rank_key(
                seed=seed, year=year, county=county, outfall_id=c.outfall_id, algorithm=algorithm
            ),
            c.outfall_id,
        ),
    )


def check_distinct(candidates: Sequence[Candidate]) -> None:
    """Step 1: every key once (a code registered twice cannot be drawn fairly)."""
    seen: set[str] = set()
    for c in candidates:
        if c.outfall_id in seen:
            raise DrawError("duplicate_candidates", key=c.outfall_id)
        seen.add(c.outfall_id)


def draw_sample(
    candidates: Sequence[Candidate],
    n: int,
    *,
    seed: str,
    year: int,
    county: str,
    algorithm: str = ALGORITHM_BY_ID,
) -> tuple[list[Candidate], dict[str, int]]:
    """Steps 2, 4 and 5: the drawn candidates in rank order, and the seats per stratum."""
    check_distinct(candidates)
    order = ranked(candidates, seed=seed, year=year, county=county, algorithm=algorithm)
    sizes: dict[str, int] = {}
    for c in candidates:
        sizes[c.stratum] = sizes.get(c.stratum, 0) + 1
    seats = allocate(sizes, n)
    taken: dict[str, int] = dict.fromkeys(sizes, 0)
    chosen: list[Candidate] = []
    for c in order:
        if taken[c.stratum] < seats[c.stratum]:
            taken[c.stratum] += 1
            chosen.append(c)
    return chosen, seats


def prioritised(
    candidates: Iterable[Candidate],
    priority: Mapping[str, int],
    *,
    seed: str,
    year: int,
    county: str,
    algorithm: str = ALGORITHM_BY_ID,
) -> list[Candidate]:
    """Step 5 for targeted plans: higher priority first, rank order within a priority."""
    return sorted(
        candidates,
        key=lambda c: (
            -priority.get(c.outfall_id, 0),
            rank_key(
                seed=seed, year=year, county=county, outfall_id=c.outfall_id, algorithm=algorithm
            ),
            c.outfall_id,
        ),
    )


_SPACES = re.compile(r"\s+")


def person_key(name: str) -> str:
    """A name as compared: NFKC, trimmed, inner whitespace removed (张 三 = 张三)."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", name)).casefold()


def clean_pool(names: Iterable[str]) -> list[str]:
    """The pool de-duplicated by `person_key`, first spelling kept, order kept."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        display = unicodedata.normalize("NFKC", name).strip()
        key = person_key(display)
        if key and key not in seen:
            seen.add(key)
            out.append(display)
    return out


def assign_pairs(
    outfall_ids: Sequence[str],
    pool: Sequence[str],
    *,
    excluded: Mapping[str, Iterable[str]],
    seed: str,
    year: int,
    county: str,
    algorithm: str = ALGORITHM_BY_ID,
) -> list[tuple[str, str]]:
    """Step 6: two different inspectors for each outfall, none with a declared conflict.

    `excluded` maps an outfall id to the names that must not inspect it. Raises
    `DrawError("too_few_eligible", outfall_id=..., eligible=[...])` for an item fewer than
    two people may inspect.
    """
    people = clean_pool(pool)
    if len(people) < 2:
        raise DrawError("pool_too_small", size=len(people))
    load = dict.fromkeys(people, 0)
    pairs: list[tuple[str, str]] = []
    for oid in outfall_ids:
        barred = {person_key(n) for n in excluded.get(oid, ())}
        eligible = [p for p in people if person_key(p) not in barred]
        if len(eligible) < 2:
            raise DrawError("too_few_eligible", outfall_id=oid, eligible=eligible)
        eligible.sort(
            key=lambda p: (
                load[p],
                pair_key(
                    seed=seed,
                    year=year,
                    county=county,
                    outfall_id=oid,
                    name=p,
                    algorithm=algorithm,
                ),
                p,
            )
        )
        a, b = eligible[0], eligible[1]
        load[a] += 1
        load[b] += 1
        pairs.append((a, b))
    return pairs


def spread_due_dates(n: int, *, start: dt.date, end: dt.date) -> list[dt.date]:
    """Step 7: n due dates spread evenly over [start, end], on working days."""
    if end < start:
        raise DrawError("window_closed", start=start.isoformat(), end=end.isoformat())
    span = (end - start).days
    out: list[dt.date] = []
    for k in range(n):
        due = start + dt.timedelta(days=((k + 1) * span) // n)
        weekday = due.weekday()
        if weekday >= 5:
            friday = due - dt.timedelta(days=weekday - 4)
            monday = due + dt.timedelta(days=7 - weekday)
            if friday >= start:
                due = friday
            elif monday <= end:
                due = monday
        out.append(due)
    return out
