"""Moved to `site/words/` (gettext catalogues); kept so that old imports work until the merge."""

from .words import LANGUAGES, N_, day_label, month_label, ntr, tr

__all__ = ["LANGUAGES", "N_", "day_label", "month_label", "ntr", "tr"]
