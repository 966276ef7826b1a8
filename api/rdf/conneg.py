"""Content negotiation: the media type a client prefers among those offered, by Accept."""

from __future__ import annotations

from collections.abc import Sequence


def ranked(accept: str, offered: Sequence[str]) -> str | None:
    """The offered media type the Accept header ranks first (q-values, then the client's
    order); a wildcard stands for the first offered type it covers, and loses a tie to a type
    named outright. None if the client accepts none of them."""
    candidates: list[tuple[float, int, str]] = []
    for order, part in enumerate(accept.split(",")):
        media_type, *params = (p.strip() for p in part.split(";"))
        q = next((float(p[2:]) for p in params if p.startswith("q=") and _number(p[2:])), 1.0)
        if media_type in offered:
            candidates.append((q, -order, media_type))
        elif media_type == "*/*" or media_type.endswith("/*"):
            covered = [t for t in offered if media_type == "*/*" or t.startswith(media_type[:-1])]
            if covered:
                candidates.append((q - 0.001, -order, covered[0]))
    candidates = [c for c in candidates if c[0] > 0]
    return max(candidates)[2] if candidates else None


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
