"""Caches beneath the pipeline: signed stores of values keyed by content, never a second path."""
