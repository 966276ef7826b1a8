"""The graph side: a port for graph stores, its adapters, and the projector that keeps the
graph in step with the event store. Imports ``events``; never imported by it.
"""
