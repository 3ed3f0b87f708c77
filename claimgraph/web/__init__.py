"""claimgraph's REST API (``/api/v1``) and web UI: one FastAPI app, made by
:func:`claimgraph.web.app.create_app`.

Importing this package loads nothing heavy; ``claimgraph.web.app`` brings in FastAPI.
"""
