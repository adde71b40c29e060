"""`python -m generator` is the `sunlight` command."""

import sys

from .cli import main

sys.exit(main())
