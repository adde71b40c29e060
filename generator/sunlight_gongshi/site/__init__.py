"""Render stage: records and figures -> Markdown pages, charts, exports and printable notices."""
