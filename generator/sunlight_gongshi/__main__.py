"""`python -m sunlight_gongshi` is the `sunlight` command."""

import sys

from .cli import main

sys.exit(main())
