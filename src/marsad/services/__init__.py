"""Use-cases behind every shell (CLI, web, scale runner): analyze, ingest, search, eval, bench."""
