"""Where the seed dataset lives: event files of public, cited facts, imported in this order.

The first is drawn from the article Mission Atlas started from; the second adds the mayors,
council leaders and dated steps of the same missions from public pages (news, the cities' and
councils' own sites), each event citing the page it rests on.
"""

from pathlib import Path

SEED_DIR = Path(__file__).parent
SEED_FILES = [
    SEED_DIR / "missions-playbook-2024.jsonl",
    SEED_DIR / "city-records-public.jsonl",
]
