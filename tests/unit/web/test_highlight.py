"""The span highlighter: escaping, nesting, overlaps, anchors, and text preserved exactly."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.web.highlight import Span, highlight

TEXT = "قال وزير الخارجية أحمد سالم إن المحادثات ستستأنف غدا في الدوحة."


class _Checker(HTMLParser):
    """Collects the text and checks that every element closes in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.ids: list[str] = []
        self.by_class: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _check(markup: str) -> _Checker:
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    assert checker.stack == []
    return checker


def _find(text: str, word: str) -> Span:
    start = text.index(word)
    return Span(start, start + len(word), "mention")


def test_plain_text_is_escaped() -> None:
    out = highlight('<script>alert("x")</script> & نص', [])
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert html.unescape(out) == '<script>alert("x")</script> & نص'


def test_one_span_wraps_exactly_its_characters() -> None:
    span = _find(TEXT, "أحمد سالم")
    out = highlight(TEXT, [Span(span.start, span.end, "mention", "m-0", (("data-type", "PER"),))])
    assert '<span class="hl hl-mention" id="m-0" data-type="PER">أحمد سالم</span>' in out
    assert _check(out).text == [TEXT[: span.start], "أحمد سالم", TEXT[span.end :]]


def test_nested_spans_nest_longest_outside() -> None:
    outer = Span(0, len(TEXT) - 1, "quote", "q-0")
    inner = _find(TEXT, "الدوحة")
    out = highlight(TEXT, [inner, outer])
    assert out.startswith('<span class="hl hl-quote" id="q-0">')
    assert '<span class="hl hl-mention">الدوحة</span></span>.' in out
    assert "".join(_check(out).text) == TEXT


def test_overlapping_spans_are_split_and_reopened() -> None:
    a = Span(4, 17, "mention", "m-1")  # وزير الخارجية
    b = Span(9, 27, "quote", "q-1")  # الخارجية أحمد سالم
    out = highlight(TEXT, [a, b])
    checker = _check(out)
    assert "".join(checker.text) == TEXT
    assert checker.ids == ["m-1", "q-1"]
    assert out.count("hl-cont") == 1
    assert '<span class="hl hl-mention hl-cont">الخارجية</span> أحمد سالم</span>' in out


def test_equal_spans_once_and_bad_spans_ignored() -> None:
    span = Span(0, 3, "time")
    out = highlight(TEXT, [span, span, Span(5, 5, "time"), Span(-1, 2, "x"), Span(3, 999, "x")])
    assert out.count("<span") == 1
    assert "".join(_check(out).text) == TEXT


def test_attribute_values_are_escaped() -> None:
    span = Span(0, 3, "mention", attrs=(("title", '"><img src=x onerror=alert(1)>'),))
    out = highlight(TEXT, [span])
    assert "<img" not in out
    assert "&#34;&gt;&lt;img" in out


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "Bad Kind"}, "kind"),
        ({"kind": "x", "anchor": "1 x"}, "anchor"),
        ({"kind": "x", "attrs": (("onclick", "x"),)}, "attribute"),
    ],
)
def test_span_rejects_unsafe_names(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Span(0, 1, **kwargs)  # type: ignore[arg-type]


def test_mark_tag_for_search_snippets() -> None:
    out = highlight("محادثات الدوحة", [Span(0, 7, "match")], tag="mark")
    assert out == '<mark class="hl hl-match">محادثات</mark> الدوحة'
    with pytest.raises(ValueError, match="tag"):
        highlight("x", [], tag="script")


_spans = st.lists(
    st.tuples(st.integers(0, 40), st.integers(0, 40), st.sampled_from(["a", "b", "c"])),
    max_size=12,
)


@given(text=st.text(alphabet="اب<>&\"' \nجد", max_size=40), raw=_spans)
def test_any_spans_give_well_formed_html_with_the_text_unchanged(
    text: str, raw: list[tuple[int, int, str]]
) -> None:
    spans = [Span(min(a, b), max(a, b), kind) for a, b, kind in raw]
    out = highlight(text, spans)
    assert "".join(_check(out).text) == text
