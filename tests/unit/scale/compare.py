"""What two collections must share to count as the same: articles, layers, entities, hashes."""

from __future__ import annotations

from typing import Any

from marsad.store import open_store


def snapshot(target: str) -> dict[str, Any]:
    """Every exported table plus the content hashes of ``target``, comparable with ``==``."""
    with open_store(target, create=False) as store:
        out: dict[str, Any] = {
            t: list(store.export(t)) for t in ("documents", "events", "mentions", "quotes")
        }
        out["hashes"] = sorted(store.content_hashes())
        out["counts"] = store.stats()["counts"]
        return out
