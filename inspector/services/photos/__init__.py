"""Photos: import from phones and cameras, EXIF, matching, signage, previews, evidence.

Modules by role, none of which import Textual: `formats` (which files are decoded, and
how safely), `exif` (metadata), `ingest` (one file: hash, EXIF, thumbnail, store),
`importer` (a folder, in parallel), `matching` (proposals), `review` (a person's
decisions), `signage`, `thumbs` (cached thumbnails and terminal half-blocks),
`evidence` (stamped copies), `fonts`, `storecheck` (the doctor's photo-store check).
Pillow is imported inside these modules, never by `inspector --help` or the UI's first
paint: import them where they are used.
"""
