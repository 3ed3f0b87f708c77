"""CLI subcommands: each module defines ``register(subparsers)``."""

# Module names under claimgraph.commands, in the order `claimgraph --help` lists them.
COMMANDS = ["extract", "ingest", "watch", "batch", "search", "stories", "export", "alias",
            "source", "correct", "assess", "update", "serve", "token", "compare"]
