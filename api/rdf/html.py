"""Small HTML pages for browsers that follow a Mission Atlas IRI: the triples, readable, with
every IRI a link (the record's own IRIs dereference, so the links lead on through the record)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from html import escape

from ontology.export import Graph
from ontology.terms import Term
from ontology.vocabulary import PREFIXES

_ESCAPED = re.compile(r"\\(.)")  # the escapes of ontology.terms, undone
STYLE = (
    "body{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
    "table{border-collapse:collapse;width:100%}td{border-top:1px solid #ddd;padding:.3em;"
    "vertical-align:top;overflow-wrap:anywhere}h2{font-size:1em;margin-top:1.5em}"
)


def page(title: str, body: str) -> str:
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body><h1>{escape(title)}</h1>{body}</body></html>\n"
    )


def _short(value: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if value.startswith(namespace):
            return f"{prefix}:{value[len(namespace) :]}"
    return value


def cell(term: Term) -> str:
    """A term as HTML: an IRI as a link, a literal as its text (its datatype or language aside)."""
    if term.startswith("<"):
        value = term[1:-1]
        return f'<a href="{escape(value)}">{escape(_short(value))}</a>'
    lexical, _, tail = term[1:].rpartition('"')
    lexical = _ESCAPED.sub(lambda m: {"n": "\n", "r": "\r"}.get(m[1], m[1]), lexical)
    kind = f" <small>{escape(_short(tail[3:-1]) if tail.startswith('^^') else tail)}</small>"
    return escape(lexical) + (kind if tail else "")


def description(title: str, graphs: Iterable[Graph], links: Mapping[str, str]) -> str:
    """The triples of ``graphs`` by subject, then ``links`` (label -> URL) to the RDF."""
    by_subject: dict[Term, list[tuple[Term, Term]]] = {}
    for _, triples in graphs:
        for s, p, o in triples:
            by_subject.setdefault(s, []).append((p, o))
    parts = []
    for subject, facts in by_subject.items():
        rows = "".join(f"<tr><td>{cell(p)}</td><td>{cell(o)}</td></tr>" for p, o in facts)
        parts.append(f"<h2>{cell(subject)}</h2><table>{rows}</table>")
    return page(title, "".join(parts) + _links(links))


def _links(links: Mapping[str, str]) -> str:
    items = "".join(
        f'<li><a href="{escape(u)}">{escape(label)}</a></li>' for label, u in links.items()
    )
    return f"<h2>As data</h2><ul>{items}</ul>"


def listing(title: str, intro: str, links: Mapping[str, str]) -> str:
    return page(title, f"<p>{escape(intro)}</p>" + _links(links))
