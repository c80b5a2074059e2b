"""Search snippets as HTML: the store marks each match between ``[[`` and ``]]``; here every
piece is escaped and each match wrapped in ``<mark>``."""

from __future__ import annotations

from markupsafe import Markup, escape

from marsad.services.web_views import MARK_CLOSE, MARK_OPEN


def snippet_html(snippet: str) -> Markup:
    """``snippet`` with its marked matches in ``<mark>`` and everything else escaped."""
    out: list[str] = []
    rest = snippet
    while (start := rest.find(MARK_OPEN)) >= 0:
        end = rest.find(MARK_CLOSE, start + len(MARK_OPEN))
        if end < 0:
            break
        out.append(str(escape(rest[:start])))
        match = rest[start + len(MARK_OPEN) : end]
        out.append(f'<mark class="hl hl-match">{escape(match)}</mark>')
        rest = rest[end + len(MARK_CLOSE) :]
    out.append(str(escape(rest)))
    return Markup("".join(out))
