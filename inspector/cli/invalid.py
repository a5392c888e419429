"""Field validation failures as one clear line, for command handlers that write through
the services (which raise `ValidationFailed` so that forms can mark each field)."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable

from inspector.i18n import Problem

Handler = Callable[[argparse.Namespace], int]


def validated(handler: Handler) -> Handler:
    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        from inspector.models.spec import ValidationFailed

        try:
            return handler(args)
        except ValidationFailed as exc:
            raise Problem("input.invalid", detail=str(exc)) from None

    return run
