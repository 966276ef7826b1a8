"""The read façade: every question the API asks of the graph, by name, answered in typed rows.

Each module holds one feature's reads and the rows they return. A read picks its query from
``graph.cypher``, runs it on the store it is given (the port) and converts what comes back,
so callers never see query text or a bare dict. Reads over many keys (``..._of_missions``,
``..._by_id``) answer in the order of the keys given, ready to back a DataLoader.

Rows are NamedTuples. A DataLoader hands one row to every resolver that asks for it, so none
may change it under the others; a row is built from its query's columns by name, so a query
that no longer returns a column (or returns one the row does not know) fails here, naming it,
not in a resolver. A frozen dataclass would promise the same, but CPython builds one field
by field through ``object.__setattr__``: about four times a NamedTuple's cost, which showed
in the API's time for lists of hundreds of rows. A TypedDict costs nothing and checks nothing
at run time: the dict from the driver would reach the resolver as it came.
"""
