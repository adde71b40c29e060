"""MkDocs, run on the generated docs folder: its settings, its hooks, and the pages it takes as they are."""
