"""The source of truth: aggregates that check the mission record's invariants, and the
application that stores their events (SQLite by default, PostgreSQL in production).

Imports none of the other Mission Atlas packages.
"""
