"""Text with highlighted spans as safe HTML: a pure function over character offsets.

Spans are ``str`` offsets into the text (as every Marsad span is). They may nest (a mention inside
a quote inside an event's evidence) or overlap (a quote that starts inside one mention and ends
inside another): the output is always well-formed, because a span that must close while a span
opened inside it is still running is closed and re-opened around it, as browsers expect. Every
piece of text and every attribute value is escaped, so an article that contains ``<script>``
shows it as text.

The first fragment of a span carries its ``anchor`` as the element id (for links that jump to it);
later fragments of a split span carry the class ``hl-cont`` and the same data attributes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

_KIND = re.compile(r"[a-z][a-z0-9-]*")
_ANCHOR = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_ATTRIBUTE = re.compile(r"data-[a-z][a-z0-9-]*|title|tabindex|role|aria-label")
_TAGS = frozenset({"span", "mark"})


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted stretch of text: ``kind`` becomes the CSS class ``hl-<kind>``."""

    start: int
    end: int
    kind: str
    anchor: str | None = None
    attrs: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if not _KIND.fullmatch(self.kind):
            raise ValueError(f"span kind {self.kind!r} is not a lower-case CSS name")
        if self.anchor is not None and not _ANCHOR.fullmatch(self.anchor):
            raise ValueError(f"span anchor {self.anchor!r} is not a valid element id")
        for name, _ in self.attrs:
            if not _ATTRIBUTE.fullmatch(name):
                raise ValueError(f"span attribute {name!r} is not allowed")


def highlight(text: str, spans: Iterable[Span], *, tag: str = "span") -> Markup:
    """``text`` as escaped HTML with each span wrapped in ``<tag class="hl hl-KIND">``.

    Spans outside the text or of zero length are ignored. Longer spans enclose shorter ones that
    start at the same place; overlapping spans are split so that the HTML nests properly.
    """
    if tag not in _TAGS:
        raise ValueError(f"highlight tag {tag!r} is not one of {sorted(_TAGS)}")
    order = {span: i for i, span in enumerate(_usable(text, spans))}
    starts: dict[int, list[Span]] = {}
    for span in order:
        starts.setdefault(span.start, []).append(span)
    cuts = sorted({0, len(text), *(s.start for s in order), *(s.end for s in order)})
    out: list[str] = []
    stack: list[Span] = []
    opened: set[Span] = set()
    active: set[Span] = set()
    for here, after in pairwise(cuts):
        active = {s for s in active if s.end > here} | set(starts.get(here, ()))
        wanted = sorted(active, key=lambda s: (-s.end, s.start, order[s]))
        keep = _common_prefix(stack, wanted)
        out.append(f"</{tag}>" * (len(stack) - keep))
        for span in wanted[keep:]:
            out.append(_open_tag(span, tag, first=span not in opened))
            opened.add(span)
        stack = wanted
        out.append(str(escape(text[here:after])))
    out.append(f"</{tag}>" * len(stack))
    return Markup("".join(out))


def _usable(text: str, spans: Iterable[Span]) -> list[Span]:
    """Spans that lie inside ``text`` and cover at least one character, duplicates dropped."""
    n = len(text)
    return list(dict.fromkeys(s for s in spans if 0 <= s.start < s.end <= n))


def _common_prefix(stack: list[Span], wanted: list[Span]) -> int:
    keep = 0
    while keep < min(len(stack), len(wanted)) and stack[keep] is wanted[keep]:
        keep += 1
    return keep


def _open_tag(span: Span, tag: str, *, first: bool) -> str:
    classes = f"hl hl-{span.kind}" + ("" if first else " hl-cont")
    parts = [f'<{tag} class="{classes}"']
    if first and span.anchor:
        parts.append(f' id="{span.anchor}"')
    parts.extend(f' {name}="{escape(value)}"' for name, value in span.attrs)
    return "".join(parts) + ">"
