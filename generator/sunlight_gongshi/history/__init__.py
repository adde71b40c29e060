"""Git history as the audit trail: commits, amendments of closed books, provenance of entries."""
