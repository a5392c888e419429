"""`python -m inspector` and the `inspector` console script."""

from inspector.cli import main

if __name__ == "__main__":
    main()
