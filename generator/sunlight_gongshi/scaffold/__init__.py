"""`sunlight init`: a new community repository, written from the skeleton shipped in the package."""
