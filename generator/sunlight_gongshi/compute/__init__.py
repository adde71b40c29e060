"""Compute stage: pure functions from records to figures (balances, vote outcomes, rankings)."""
