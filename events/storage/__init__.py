"""The storage adapters: what the domain keeps beside eventsourcing's own tables, and how it
reads them, in SQLite's or PostgreSQL's dialect. Nothing outside this package writes SQL."""
