"""Defaults the command line needs before anything heavy is imported."""

DEFAULT_DB = "claimgraph.db"
DB_ENV = "CLAIMGRAPH_DB"
