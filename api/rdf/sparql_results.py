"""SPARQL results written out: SELECT/ASK as JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE as RDF.

Written here rather than by pyoxigraph's own writers because every literal passes through the
key store on its way out: the RDF store holds references to people, never their names (see
``ontology.rdf_projector``), and the answer shows the names (or ``[erased]``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, serialize

Term = NamedNode | BlankNode | Literal | Triple
Row = Sequence[Term | None]
Resolve = Callable[[str], str]
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Format:
    media_type: str
    write: Callable[[list[str], list[Row]], bytes]


def named(term: Term | None, resolve: Resolve) -> Term | None:
    """The term with people's references in a literal replaced by their names."""
    if isinstance(term, Literal) and "[person:" in term.value:
        if term.language:
            return Literal(resolve(term.value), language=term.language)
        return Literal(resolve(term.value), datatype=term.datatype)
    return term


def _json_term(term: Term) -> dict[str, object]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    parts = ("subject", "predicate", "object")
    return {"type": "triple", "value": {p: _json_term(getattr(term, p)) for p in parts}}


def _json(variables: list[str], rows: list[Row]) -> bytes:
    bindings = [
        {name: _json_term(t) for name, t in zip(variables, row, strict=True) if t is not None}
        for row in rows
    ]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}).encode()


def _xml_term(term: Term) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            typed = quoteattr(term.datatype.value)
            return f"<literal datatype={typed}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _xml(variables: list[str], rows: list[Row]) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in variables))
    out.append("</head>\n<results>")
    for row in rows:
        out.append("<result>")
        for name, term in zip(variables, row, strict=True):
            if term is not None:
                out.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        out.append("</result>")
    out.append("</results>\n</sparql>\n")
    return "".join(out).encode()


def _csv(variables: list[str], rows: list[Row]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow(["" if t is None else getattr(t, "value", str(t)) for t in row])
    return buffer.getvalue().encode()


def _tsv(variables: list[str], rows: list[Row]) -> bytes:
    lines = ["\t".join(f"?{v}" for v in variables)]
    # N-Triples syntax for every term, as the TSV results format asks; tabs inside escaped.
    lines += [
        "\t".join("" if t is None else str(t).replace("\t", "\\t") for t in row) for row in rows
    ]
    return ("\n".join(lines) + "\n").encode()


def _ask_json(answer: bool) -> bytes:
    return json.dumps({"head": {}, "boolean": answer}).encode()


def _ask_xml(answer: bool) -> bytes:
    return (
        '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        f"<head/><boolean>{'true' if answer else 'false'}</boolean></sparql>\n"
    ).encode()


SOLUTIONS = {
    "application/sparql-results+json": Format("application/sparql-results+json", _json),
    "application/json": Format("application/sparql-results+json", _json),
    "application/sparql-results+xml": Format("application/sparql-results+xml", _xml),
    "application/xml": Format("application/sparql-results+xml", _xml),
    "text/csv": Format("text/csv; charset=utf-8", _csv),
    "text/tab-separated-values": Format("text/tab-separated-values; charset=utf-8", _tsv),
}
BOOLEAN: dict[str, Callable[[bool], bytes]] = {
    "application/sparql-results+json": _ask_json,
    "application/sparql-results+xml": _ask_xml,
}
GRAPHS = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/rdf+xml": RdfFormat.RDF_XML,
}


def write_graph(triples: list[Triple], fmt: RdfFormat) -> bytes:
    written = serialize(triples, format=fmt)
    assert written is not None
    return written


def negotiate(accept: str, offered: Sequence[str]) -> str | None:
    """The offered media type the Accept header ranks highest (the first offered for */*)."""
    ranked: list[tuple[float, int, str]] = []
    for order, part in enumerate(accept.split(",")):
        media_type, *params = (p.strip().lower() for p in part.split(";"))
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if media_type in offered:
            ranked.append((q, -order, media_type))
        elif media_type in ("*/*", "application/*", "text/*"):
            fallback = next((o for o in offered if o.startswith(media_type[:-1])), None)
            if media_type == "*/*":
                fallback = offered[0]
            if fallback is not None:
                ranked.append((q - 0.001, -order, fallback))
    ranked = [r for r in ranked if r[0] > 0]
    return max(ranked)[2] if ranked else None
