"""Where a build puts its files: a full build staged and swapped into place, or a rebuild in place."""
