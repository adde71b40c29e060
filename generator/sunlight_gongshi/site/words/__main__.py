"""`python3 -m sunlight_gongshi.site.words`: extract, update the catalogues, derive zh-Hant, compile."""

import sys

from .update import main

sys.exit(main())
