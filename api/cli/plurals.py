"""Counts in words: "1 event", "2 events"."""

from __future__ import annotations


def count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
