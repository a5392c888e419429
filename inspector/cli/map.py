"""`inspector nearby`, `inspector layers import|list|remove`, `inspector gnss read|walk`.

`nearby` lists the outfalls nearest to a position typed (`--lat --lon`) or taken from a
receiver (`--gnss COM3`, `/dev/ttyUSB0`, `gpsd`, or a recorded log); a receiver's fix
must pass the accuracy gate and be fresh, else the command says why and changes nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from inspector.cli.base import EXIT_BAD_INPUT, Commands, command, group, json_flag
from inspector.cli.common import database
from inspector.cli.output import emit_json, fail, say
from inspector.i18n import Problem, clause, t


def _positive(text: str) -> float:
    value = float(text)
    if not 0 < value <= 100_000:
        raise argparse.ArgumentTypeError(text)
    return value


def _count(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 1000:
        raise argparse.ArgumentTypeError(text)
    return value


def add_commands(commands: Commands) -> None:
    p = command(commands, "nearby", "cmd.nearby")
    p.add_argument("--lat", help=t("cmd.nearby.lat"))
    p.add_argument("--lon", help=t("cmd.nearby.lon"))
    p.add_argument("--datum", default="wgs84", help=t("cmd.nearby.datum"))
    p.add_argument("--gnss", metavar="PORT", help=t("cmd.nearby.gnss"))
    p.add_argument("--count", type=_count, default=20, metavar="N", help=t("cmd.nearby.count"))
    p.add_argument(
        "--max-accuracy", type=_positive, default=10.0, metavar="M", help=t("cmd.gnss.accuracy")
    )
    p.add_argument("--wait", type=_positive, default=15.0, metavar="S", help=t("cmd.gnss.wait"))
    json_flag(p)
    p.set_defaults(handler=nearby)

    layers = group(commands, "layers", "cmd.layers")
    p = layers.add_parser("import", help=t("cmd.layers.import"), description=t("cmd.layers.import"))
    p.add_argument("file", metavar="FILE", help=t("cmd.layers.file"))
    p.add_argument("--name", help=t("cmd.layers.name"))
    p.add_argument("--kind", help=t("cmd.layers.kind"))
    p.add_argument("--datum", help=t("cmd.layers.datum"))
    p.add_argument("--dry-run", action="store_true", help=t("cmd.layers.dry_run"))
    json_flag(p)
    p.set_defaults(handler=layers_import)
    p = layers.add_parser("list", help=t("cmd.layers.list"), description=t("cmd.layers.list"))
    json_flag(p)
    p.set_defaults(handler=layers_list)
    p = layers.add_parser("remove", help=t("cmd.layers.remove"), description=t("cmd.layers.remove"))
    p.add_argument("layer", metavar="LAYER", help=t("cmd.layers.layer"))
    p.set_defaults(handler=layers_remove)

    gnss = group(commands, "gnss", "cmd.gnss")
    p = gnss.add_parser("read", help=t("cmd.gnss.read"), description=t("cmd.gnss.read"))
    p.add_argument("port", metavar="PORT", help=t("cmd.nearby.gnss"))
    p.add_argument(
        "--seconds", type=_positive, default=10.0, metavar="S", help=t("cmd.gnss.seconds")
    )
    p.add_argument(
        "--max-accuracy", type=_positive, default=10.0, metavar="M", help=t("cmd.gnss.accuracy")
    )
    json_flag(p)
    p.set_defaults(handler=gnss_read)
    p = gnss.add_parser("walk", help=t("cmd.gnss.walk"), description=t("cmd.gnss.walk"))
    p.add_argument("output", metavar="FILE", help=t("cmd.gnss.walk_file"))
    p.add_argument("--seconds", type=_count, default=900, metavar="S", help=t("cmd.gnss.seconds"))
    p.set_defaults(handler=gnss_walk)


# -- nearby ---------------------------------------------------------------------------


def _typed_position(args: argparse.Namespace) -> tuple[float, float]:
    from inspector.domain.choices import Datum
    from inspector.domain.geo import PositionError, parse_coordinate, to_wgs84

    datum = Datum.parse(args.datum)
    if datum is None:
        raise Problem("nearby.bad_datum", datum=args.datum)
    try:
        lat = parse_coordinate(args.lat, "lat")
        lon = parse_coordinate(args.lon, "lon")
    except PositionError as exc:
        raise Problem("nearby.bad_position", reason=t(f"error.{exc.code}", **exc.params)) from None
    return to_wgs84(lat, lon, datum)


def receiver_fix(port: str, *, max_accuracy: float, wait_s: float):  # type: ignore[no-untyped-def]
    """The first fix from `port` that passes the gate within `wait_s` seconds; raises
    Problem naming why none did."""
    import threading
    import time

    from inspector.gnss.fix import Gate, judge
    from inspector.gnss.reader import GnssReader, Reading
    from inspector.gnss.sources import parse_spec

    spec = parse_spec(port, speed=0.0)
    if spec.kind == "log" and not Path(spec.target).is_file():
        raise Problem("gnss.no_such_source", source=port)
    gate = Gate(max_accuracy_m=max_accuracy)
    found: list[object] = []
    last: list[Reading] = []
    done = threading.Event()

    def report(reading: Reading) -> None:
        last[:] = [reading]
        if reading.state in ("lost", "stopped") and reading.reason != "silent":
            done.set()
        elif judge(reading.fix, now=time.monotonic(), gate=gate).ok:
            found[:] = [reading.fix]
            done.set()

    reader = GnssReader(spec, report, retry=False)
    thread = threading.Thread(target=reader.run, daemon=True)
    thread.start()
    done.wait(wait_s)
    reader.close()
    thread.join(2.0)
    if found:
        return found[0]
    reading = last[0] if last else None
    if reading is not None and reading.state == "lost" and reading.reason != "log_ended":
        raise Problem("gnss.lost", device=reading.device, reason=t(f"gnss.lost.{reading.reason}"))
    verdict = judge(reading.fix if reading else None, now=time.monotonic(), gate=gate)
    raise Problem(
        "gnss.refused", reason=clause(t(f"gnss.refused.{verdict.reason}", **verdict.params))
    )


def nearby(args: argparse.Namespace) -> int:
    import time

    from inspector.services.nearby import nearest_outfalls

    fix = None
    if args.gnss:
        if args.lat or args.lon:
            raise Problem("nearby.both")
        fix = receiver_fix(args.gnss, max_accuracy=args.max_accuracy, wait_s=args.wait)
        lat, lon = fix.lat, fix.lon
    elif args.lat and args.lon:
        lat, lon = _typed_position(args)
    else:
        raise Problem("nearby.need_position")
    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        found = nearest_outfalls(conn, lat, lon, count=args.count)
    if args.json:
        doc: dict[str, object] = {"lat": lat, "lon": lon, "outfalls": [n.as_json() for n in found]}
        if fix is not None:
            doc["accuracy_m"] = fix.accuracy_m
            doc["position_source"] = "gnss"
            doc["position_fix"] = fix.evidence(time.monotonic())
        emit_json(doc)
        return 0
    if fix is not None:
        say(t("nearby.from_fix", lat=f"{lat:.6f}", lon=f"{lon:.6f}", accuracy=f"{fix.accuracy_m:.1f}",
              quality=t(f"gnss.quality.{fix.quality}"), satellites=fix.satellites or 0))  # fmt: skip
    else:
        say(t("nearby.from", lat=f"{lat:.6f}", lon=f"{lon:.6f}"))
    if not found:
        say(t("nearby.none"))
    for n in found:
        say(
            f"{n.distance_m:>8.0f} m  {n.bearing_deg:>3.0f}° {t('compass.' + n.compass):<3}  "
            f"{n.code}  {n.name}"
        )
    return 0


# -- layers ---------------------------------------------------------------------------


def layers_import(args: argparse.Namespace) -> int:
    from inspector.services.layers import import_layer

    db = database(args, create=False)
    result = import_layer(
        db, Path(args.file), name=args.name, kind=args.kind, datum=args.datum, dry_run=args.dry_run
    )
    if args.json:
        emit_json(result.as_json())
        return 0
    key = "layer.checked" if args.dry_run else "layer.imported"
    say(t(key, name=result.name, features=result.features, vertices=result.vertices,
          kind=t(f"layer.kind.{result.kind}"), datum=result.datum))  # fmt: skip
    return 0


def layers_list(args: argparse.Namespace) -> int:
    from inspector.data.layers import list_layers

    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        layers = list_layers(conn)
    if args.json:
        from dataclasses import asdict

        emit_json([asdict(layer) for layer in layers])
        return 0
    if not layers:
        say(t("layer.none"))
    for layer in layers:
        say(
            f"{layer.id[:8]}  {t('layer.kind.' + layer.kind):<8} {layer.feature_count:>5}  {layer.name}"
        )
    return 0


def layers_remove(args: argparse.Namespace) -> int:
    from inspector.data.layers import find_layer
    from inspector.services.layers import remove_layer

    db = database(args, create=False)
    with db.read() as conn:
        layer = find_layer(conn, name=args.layer)
    if layer is None:
        raise Problem("layer.not_found", layer=args.layer)
    count = remove_layer(db, layer.id)
    say(t("layer.removed", name=layer.name, features=count))
    return 0


# -- gnss -----------------------------------------------------------------------------


def gnss_read(args: argparse.Namespace) -> int:
    """Show what a receiver says for a few seconds: each fix and whether it may be used."""
    import threading
    import time

    from inspector.gnss.fix import Gate, judge
    from inspector.gnss.reader import GnssReader, Reading
    from inspector.gnss.sources import parse_spec

    spec = parse_spec(args.port)
    if spec.kind == "log" and not Path(spec.target).is_file():
        raise Problem("gnss.no_such_source", source=args.port)
    gate = Gate(max_accuracy_m=args.max_accuracy)
    readings: list[Reading] = []

    def report(reading: Reading) -> None:
        readings.append(reading)
        if args.json:
            return
        if reading.state == "lost":
            fail(t("gnss.lost", device=reading.device, reason=t(f"gnss.lost.{reading.reason}")))
            return
        fix = reading.fix
        if fix is None or reading.state == "stopped":
            return
        verdict = judge(fix, now=time.monotonic(), gate=gate)
        mark = (
            t("gnss.usable")
            if verdict.ok
            else t(f"gnss.refused.{verdict.reason}", **verdict.params)
        )
        if fix.quality == "none":
            say(t("gnss.no_fix_line", satellites=fix.satellites or 0))
        else:
            say(f"{fix.lat:.6f}, {fix.lon:.6f}  ±{fix.accuracy_m or 0:.1f} m  "
                f"HDOP {fix.hdop or 0:.1f}  {fix.satellites or 0}  {fix.systems_label()}  {mark}")  # fmt: skip

    reader = GnssReader(spec, report, retry=False)
    thread = threading.Thread(target=reader.run, daemon=True)
    thread.start()
    thread.join(args.seconds)
    reader.close()
    thread.join(2.0)
    stats = reader.assembler.stats
    if args.json:
        last = next((r.fix for r in reversed(readings) if r.fix is not None), None)
        emit_json({
            "device": spec.label,
            "stats": vars(stats) | {"skipped": stats.skipped},
            "last_fix": None if last is None else {
                "lat": last.lat, "lon": last.lon, "accuracy_m": last.accuracy_m,
                **last.evidence(time.monotonic()),
            },
        })  # fmt: skip
        return 0
    say(t("gnss.stats", sentences=stats.sentences, skipped=stats.skipped, bad=stats.bad_checksum,
          malformed=stats.malformed))  # fmt: skip
    return 0 if stats.sentences else EXIT_BAD_INPUT


def gnss_walk(args: argparse.Namespace) -> int:
    """Write a recorded walk along the demo river (for trying the map without a receiver)."""
    from inspector.services.demo_map import write_demo_walk

    db = database(args, create=False, readonly=True)
    epochs = write_demo_walk(db, Path(args.output), seconds=args.seconds)
    say(t("gnss.walk_written", path=args.output, seconds=epochs))
    return 0
