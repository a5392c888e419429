"""Declared conflicts of interest (回避): who must not inspect which outfall.

A declaration names a person and either one outfall or an owner; an owner covers every
outfall whose current main owner it is at the time of a draw (so a declaration made
against a company keeps working as the company's outfalls change). Withdrawing one
tombstones it: the history of who declared what, when, stays in the log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from inspector.data import recusals as recusals_data
from inspector.data.engine import Conn
from inspector.data.outfalls import find_outfall
from inspector.data.writer import Writer
from inspector.domain import credit_code
from inspector.i18n import Problem
from inspector.models import Recusal
from inspector.services.register import reader

RecusalView = recusals_data.RecusalView


def _outfall_id(conn: Conn, code: str) -> str:
    return find_outfall(conn, code=code).id


def _owner_id(conn: Conn, text: str) -> str:
    """An owner by unified social credit code, or by its exact name."""
    code = credit_code.normalise(text)
    ids = recusals_data.owner_ids(conn, credit_code=code, name=text)
    if not ids:
        raise Problem("plan.owner_not_found", owner=text)
    if len(ids) > 1:
        raise Problem("plan.ambiguous_owner", owner=text)
    return ids[0]


def declare_recusal(
    w: Writer,
    *,
    inspector: str,
    outfall_code: str | None = None,
    owner: str | None = None,
    reason: str | None = None,
    declared_on: dt.date,
) -> str:
    """Record that `inspector` must not inspect an outfall, or any outfall of an owner."""
    if bool(outfall_code) == bool(owner):
        raise Problem("plan.recusal_target")
    conn = reader(w)
    values: dict[str, Any] = {
        "inspector": inspector,
        "reason": reason,
        "declared_on": declared_on,
        "declared_by": w.actor,
    }
    if outfall_code:
        values["outfall_id"] = _outfall_id(conn, outfall_code.strip())
    else:
        values["owner_id"] = _owner_id(conn, str(owner).strip())
    return w.create(Recusal, values)


def withdraw_recusal(w: Writer, recusal_id: str, *, reason: str | None = None) -> None:
    row = w.get(Recusal, recusal_id)
    if row is None or row["deleted"]:
        raise Problem("plan.recusal_not_found", recusal=recusal_id)
    w.delete(Recusal, recusal_id, reason=reason)


def list_recusals(conn: Conn, *, county: str | None = None) -> list[RecusalView]:
    """Live declarations; with `county`, those naming one of its outfalls or an owner of
    one of them."""
    return recusals_data.recusal_views(conn, county=county)
