"""The database: one writer, named migrations, idempotent upserts, Arabic full-text search."""
