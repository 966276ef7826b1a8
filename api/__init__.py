"""Entry points: the GraphQL API (Starlette + strawberry) and the ``mission-atlas`` CLI, with the
one bootstrap that wires the event store, the graph store and the projector together.
"""
