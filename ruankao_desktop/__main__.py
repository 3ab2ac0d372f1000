"""`python -m ruankao_desktop`: the same entry point as the `ruankao-desktop` console script."""

import sys

from ruankao_desktop.cli import main

sys.exit(main())
