"""`python -m refs` runs the same CLI as the `refs` console script."""

from refs.cli.main import main

if __name__ == "__main__":  # pragma: no cover - exercised through subprocess tests
    main()
