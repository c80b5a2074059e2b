"""Near-duplicate detection and story clustering over stored articles."""
