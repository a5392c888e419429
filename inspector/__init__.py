"""Outfall Inspector: offline-first supervision of river outfalls (入河排污口巡查).

Nothing is imported here on purpose: `inspector --help` and the UI's first paint must not
pay for SQLAlchemy, Pillow or Textual before they need them.
"""

__version__ = "0.1.0"
