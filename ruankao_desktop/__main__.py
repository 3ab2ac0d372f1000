"""`python -m ruankao_desktop`: the same entry point as the `ruankao-desktop` console script."""

import sys

from ruankao_desktop.cli import main

# Guarded: batch printing starts worker processes, which import the main module again.
if __name__ == "__main__":
    sys.exit(main())
