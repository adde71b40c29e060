"""The demo's published data, byte for byte, against tests/golden/.

After an intended change, regenerate with:  SUNLIGHT_REGEN_GOLDEN=1 python3 -m pytest tests/test_golden.py
and read the diff before committing it.
"""

import os
import shutil
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
FILES = ["data/finance.json", "data/entries.csv", "data/rankings.json", "data/decisions.json", "data/meetings.json",
         "data/requests.json", "data/activities.json", "data/community.json"]


@pytest.mark.parametrize("name", FILES)
def test_demo_exports_match_golden(demo_site, name):
    built = demo_site / name
    golden = GOLDEN / Path(name).name
    if os.environ.get("SUNLIGHT_REGEN_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        shutil.copyfile(built, golden)
    assert built.read_bytes() == golden.read_bytes(), f"{name} differs from tests/golden/ (see module docstring)"
