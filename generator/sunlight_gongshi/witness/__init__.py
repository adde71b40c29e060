"""Witnesses (record format section 8): remember each site's chain head and say when a published
history was rewritten.  `sunlight witness` and the portal call the same code, each with its own
state file (`state.py`): reading a site's chain (`published.py`), checking it against what was
seen (`check.py`), and a run over many sites (`run.py`)."""
