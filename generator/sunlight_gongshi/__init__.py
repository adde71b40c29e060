"""Sunlight: validates a residential community's records and publishes them as a static site."""

__version__ = "0.2.0"
