"""The Mission Atlas vocabulary and its RDF mapping: the ontology in Turtle, SHACL shapes, and
the export of the graph for researchers. Sits on top of ``events`` and ``graph``.
"""
