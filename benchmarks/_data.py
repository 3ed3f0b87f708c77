"""Where benchmarks find ../shared/datasets."""

from __future__ import annotations

import os
from pathlib import Path

DATASETS = Path(os.environ.get("CLAIMGRAPH_DATASETS",
                               Path(__file__).resolve().parents[1].parent / "shared" / "datasets"))
