"""Money as the format holds it and as people read it: exact Decimal yuan, never binary floats.

Every place that shows or exports an amount formats it here, so a check's message, a page
and an export always agree to the cent.
"""

from __future__ import annotations

from decimal import Decimal

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
LIMIT = Decimal("1e13")  # ten trillion yuan: past any estate, and inside Decimal's precision


def yuan(amount: Decimal, signed: bool = False) -> str:
    """Money as residents read it: thousands separators, two decimals (1,234.50 or +1,234.50)."""
    return f"{amount:+,.2f}" if signed else f"{amount:,.2f}"


def plain(amount: Decimal) -> str:
    """Money as data: two decimals, no separators ("1234.50"), as the exports publish it."""
    return f"{amount:.2f}"
