"""The reliability diagram of a calibration (:mod:`claimgraph.assess.calibration`), as PNG.

Each yardstick band is drawn where it lies on the probability axis: a shaded column over
the band's range, the observed frequency of its resolved judgements as a bar across it,
the mean forecast as a dot with the 95 % Wilson interval, and the band's term and count
along the top.
A well-calibrated band has its bar inside the dotted square on the diagonal, where the
observed frequency lies in the band's own range.

matplotlib is imported here only, when a diagram is asked for, and drawn through its Agg
canvas directly (no pyplot, no global backend), so a web server can draw from any thread.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..errors import ClaimgraphError

COLOURS = {"PHIA": "#1f5fa8", "ICD203": "#b5531c", "MISP": "#4b8a3a"}


def reliability_png(cal: dict[str, Any], width: float = 7.5, height: float = 6.5,
                    dpi: int = 110) -> bytes:
    """The diagram of ``cal`` as PNG bytes; ClaimgraphError when nothing is resolved."""
    if not cal.get("n"):
        raise ClaimgraphError("no resolved assessments to plot; record outcomes with: "
                              "claimgraph assess resolve ID --outcome true|false --db DB")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    fig = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    ax.plot([0, 1], [0, 1], linestyle="--", color="#888888", linewidth=1,
            label="perfect calibration")
    seen: set[str] = set()
    for band in cal["terms"]:
        colour = COLOURS.get(band["scale"], "#555555")
        low, high = band["low"], band["high"]
        ax.axvspan(low, high, color=colour, alpha=0.08, linewidth=0)
        ax.add_patch(Rectangle((low, low), high - low, high - low, fill=False,
                               edgecolor=colour, linestyle=":", linewidth=1))
        # One legend entry a scale: matplotlib leaves out labels that start with '_'.
        label = band["scale"] if band["scale"] not in seen else "_"
        seen.add(band["scale"])
        ax.hlines(band["observed"], low, max(high, low + 0.005), color=colour, linewidth=3,
                  label=label)
        lo, hi = band["interval"]
        ax.errorbar([band["forecast"]], [band["observed"]],
                    yerr=[[band["observed"] - lo], [hi - band["observed"]]], fmt="o",
                    color=colour, markersize=5, capsize=3, linewidth=1)
    # Band names along the top, over their columns: bands at one height never collide.
    top = ax.secondary_xaxis("top")
    top.set_xticks([(b["low"] + b["high"]) / 2 for b in cal["terms"]],
                   labels=[f"{b['term']} (n={b['n']})" for b in cal["terms"]],
                   rotation=90, fontsize=7)
    for tick, band in zip(top.get_xticklabels(), cal["terms"], strict=True):
        tick.set_color(COLOURS.get(band["scale"], "#555555"))
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("forecast probability (yardstick band)")
    ax.set_ylabel("observed frequency")
    ax.set_title(f"Reliability by yardstick band: n={cal['n']}, Brier {cal['brier']:.3f}",
                 fontsize=10)
    ax.grid(True, linewidth=0.3, alpha=0.5)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def write_reliability_png(cal: dict[str, Any], path: str | Path) -> Path:
    """Write the diagram to ``path``; ClaimgraphError when it cannot be written."""
    data = reliability_png(cal)
    target = Path(path)
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise ClaimgraphError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target
