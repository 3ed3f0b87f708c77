"""The ``claimgraph`` command line."""

from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__
from .commands import COMMANDS
from .errors import ClaimgraphError


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="claimgraph",
        description="Attributed claims from news reports and intelligence updates.",
    )
    root.add_argument("--version", action="version", version=f"claimgraph {__version__}")
    sub = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"claimgraph.commands.{name}").register(sub)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except ClaimgraphError as exc:
        print(f"claimgraph: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("claimgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
