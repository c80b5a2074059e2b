"""The user's search syntax, parsed and translated into an FTS5 expression.

Syntax: words are ANDed (``AND`` may be written); ``OR`` between alternatives; ``"..."`` a phrase;
``-word`` or ``NOT word`` excludes; ``word*`` a prefix; parentheses group. Every word goes through
the index analysis of :mod:`marsad.store.terms`, so ``الامريكية`` matches ``الأمريكيّة`` and
``وبالمحادثات`` matches ``محادثات``. The FTS5 text is built here from analysed terms only, never
from the user's characters, so no input can make FTS5 fail; malformed input raises
:class:`~marsad.errors.QueryError` with a message that says what to change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.errors import QueryError
from marsad.store.terms import analyse_word
from marsad.text.tokenize import tokenize

MAX_TERMS = 64
_LEXER = re.compile(r'\s*(?:(?P<phrase>"[^"]*"?)|(?P<paren>[()])|(?P<word>[^\s()"]+))')
KEYWORDS = ("AND", "OR", "NOT")


@dataclass(frozen=True, slots=True)
class Phrase:
    """A word (one term), a prefix, or a phrase: analysed ``(base, stem)`` terms in order."""

    terms: tuple[tuple[str, str], ...]
    prefix: bool = False

    def fts(self) -> str:
        base = " ".join(b for b, _ in self.terms)
        if self.prefix:
            return f'base : "{base}" *'
        stem = " ".join(s for _, s in self.terms)
        return f'(base : "{base}" OR stem : "{stem}")'


@dataclass(frozen=True, slots=True)
class Group:
    """Terms combined by ``op`` (AND or OR); an AND group also holds excluded terms."""

    op: str
    items: tuple[Node, ...]
    excluded: tuple[Node, ...] = ()

    def fts(self) -> str:
        expr = "(" + f" {self.op} ".join(_wrap(item) for item in self.items) + ")"
        for node in self.excluded:
            expr = f"({expr} NOT {_wrap(node)})"
        return expr


Node = Phrase | Group


def _wrap(node: Node) -> str:
    text = node.fts()
    return text if isinstance(node, Group) else f"({text})"


@dataclass(slots=True)
class ParsedQuery:
    """A parsed query: its FTS5 ``MATCH`` text and the terms that should be marked in snippets."""

    text: str
    root: Node
    positives: list[Phrase] = field(default_factory=list)

    @property
    def fts(self) -> str:
        return self.root.fts()


def parse_query(text: str) -> ParsedQuery:
    """Parse ``text`` into a :class:`ParsedQuery`; raises :class:`QueryError` when malformed."""
    tokens = _lex(text)
    if not tokens:
        raise QueryError("the search query is empty: give at least one word")
    parser = _Parser(tokens, text)
    root = parser.parse()
    count = sum(len(p.terms) for p in parser.phrases)
    if count > MAX_TERMS:
        raise QueryError(f"the query has {count} words; at most {MAX_TERMS} are allowed")
    return ParsedQuery(text, root, parser.positives)


def _lex(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    for match in _LEXER.finditer(text):
        kind = match.lastgroup
        if kind is None:
            continue
        value = match.group(kind)
        if kind == "phrase" and (len(value) < 2 or not value.endswith('"')):
            raise QueryError(f'unclosed quote in {text!r}: end the phrase with a second "')
        tokens.append((kind, value))
    return tokens


class _Parser:
    """Recursive descent: or := and (OR and)*; and := unary+; unary := [NOT|-] primary."""

    def __init__(self, tokens: list[tuple[str, str]], text: str) -> None:
        self.tokens = tokens
        self.pos = 0
        self.text = text
        self.phrases: list[Phrase] = []
        self.positives: list[Phrase] = []
        self.negated = 0

    def parse(self) -> Node:
        node = self._or()
        if self.pos < len(self.tokens):
            raise QueryError(f"unexpected {self.tokens[self.pos][1]!r} in {self.text!r}")
        return node

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _keyword(self, word: str) -> bool:
        token = self._peek()
        if token is not None and token == ("word", word):
            self.pos += 1
            return True
        return False

    def _or(self) -> Node:
        items = [self._and()]
        while self._keyword("OR"):
            if self._at_group_end():
                raise QueryError(f"OR needs a term after it in {self.text!r}")
            items.append(self._and())
        return items[0] if len(items) == 1 else Group("OR", tuple(items))

    def _at_group_end(self) -> bool:
        token = self._peek()
        return token is None or token == ("paren", ")") or token in (("word", "OR"),)

    def _and(self) -> Node:
        items: list[Node] = []
        excluded: list[Node] = []
        while not self._at_group_end():
            if self._keyword("AND"):
                continue
            negate, node = self._unary()
            if node is not None:
                (excluded if negate else items).append(node)
        if not items:
            what = "only excluded terms" if excluded else "no searchable word"
            raise QueryError(f"a part of {self.text!r} has {what}: add a word to search for")
        if len(items) == 1 and not excluded:
            return items[0]
        return Group("AND", tuple(items), tuple(excluded))

    def _unary(self) -> tuple[bool, Node | None]:
        negate = self._keyword("NOT")
        token = self._peek()
        if token is not None and token[0] == "word" and token[1].startswith("-") and not negate:
            negate = True
            self.tokens[self.pos] = ("word", token[1][1:])
        if negate and self._at_group_end():
            raise QueryError(f"NOT or '-' needs a term after it in {self.text!r}")
        self.negated += negate
        node = self._primary()
        self.negated -= negate
        return negate, node

    def _primary(self) -> Node | None:
        kind, value = self.tokens[self.pos]
        self.pos += 1
        if kind == "paren":
            if value == ")":
                raise QueryError(f"unbalanced ')' in {self.text!r}")
            node = self._or()
            if not self._keyword_paren():
                raise QueryError(f"unbalanced '(' in {self.text!r}: close it with ')'")
            return node
        if kind == "phrase":
            return self._phrase(value[1:-1], prefix=False)
        if value in KEYWORDS:
            raise QueryError(f"{value} must stand between two terms in {self.text!r}")
        prefix = value.endswith("*")
        return self._phrase(value.rstrip("*"), prefix=prefix)

    def _keyword_paren(self) -> bool:
        if self._peek() == ("paren", ")"):
            self.pos += 1
            return True
        return False

    def _phrase(self, words: str, *, prefix: bool) -> Phrase | None:
        terms = tuple(t for tok in tokenize(words) if (t := analyse_word(tok.text)) is not None)
        if not terms:
            return None
        if prefix and len(terms) > 1:
            raise QueryError(f"a prefix '*' applies to one word, not to {words!r}")
        phrase = Phrase(terms, prefix)
        self.phrases.append(phrase)
        if not self.negated:
            self.positives.append(phrase)
        return phrase
