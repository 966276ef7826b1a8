"""Where the seed dataset lives: an event file drawn from the article Mission Atlas started from."""

from pathlib import Path

SEED_FILE = Path(__file__).with_name("seed") / "missions-playbook-2024.jsonl"
