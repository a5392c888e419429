"""The register: its virtual list and its filters."""
