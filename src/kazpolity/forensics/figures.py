"""Figures (matplotlib, Agg backend): fingerprint heatmap, integer-percent histograms,
null distribution, digit charts. Each function returns a Figure; ``save`` writes PNG + SVG."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from kazpolity.forensics.integer_percent import IntegerPercentResult, select_precincts
from kazpolity.forensics.klimek import Fingerprint
from kazpolity.forensics.table import PrecinctTable


def fingerprint_figure(fp: Fingerprint) -> Figure:
    fig, ax = plt.subplots(figsize=(5.5, 4.5))
    data = np.log10(fp.counts.T + 1.0)
    im = ax.imshow(data, origin="lower", extent=(0, 100, 0, 100), aspect="auto", cmap="viridis")
    ax.set_xlabel("turnout, %")
    ax.set_ylabel("leader's share, %")
    ax.set_title(f"Turnout x share fingerprint ({fp.n_used} precincts)")
    fig.colorbar(im, ax=ax, label="log10(precincts + 1)")
    fig.tight_layout()
    return fig


def integer_histograms_figure(table: PrecinctTable, result: IntegerPercentResult) -> Figure:
    inp = select_precincts(table)
    t = 100 * inp.issued / inp.registered
    s = 100 * inp.leader / inp.cast
    fig, axes = plt.subplots(3, 1, figsize=(7, 7.5))
    bins = np.arange(-0.05, 100.05, 0.1)
    for ax, x, name in ((axes[0], t, "turnout"), (axes[1], s, "leader's share")):
        ax.hist(x, bins=bins, color="0.3", linewidth=0)
        ax.set_xlabel(f"{name}, % (0.1-point bins)")
        ax.set_ylabel("precincts")
    ax = axes[2]
    ax.hist(result.null_counts_any, bins=40, color="0.6")
    ax.axvline(result.observed_any, color="crimson", label="observed")
    ax.set_xlabel("precincts with integer turnout or share: null replicates")
    ax.legend()
    fig.suptitle(f"Integer percentages: excess {result.excess_any:.1f} "
                 f"(null SD {result.null_sd:.1f}, {result.replicates} replicates)")
    fig.tight_layout()
    return fig


def digit_figure(last_digits: tuple[int, ...], title: str) -> Figure:
    fig, ax = plt.subplots(figsize=(5, 3.2))
    freq = np.asarray(last_digits, dtype=float)
    total = max(freq.sum(), 1.0)
    ax.bar(range(10), freq / total, color="0.4")
    ax.axhline(0.1, color="crimson", linestyle="--", label="uniform")
    ax.set_xticks(range(10))
    ax.set_xlabel("last digit")
    ax.set_ylabel("share")
    ax.set_title(title)
    ax.legend()
    fig.tight_layout()
    return fig


def save(fig: Figure, stem: str | Path) -> list[Path]:
    """Write ``stem.png`` and ``stem.svg``; returns the paths."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = [stem.with_suffix(".png"), stem.with_suffix(".svg")]
    for p in paths:
        fig.savefig(p, dpi=110)
    plt.close(fig)
    return paths


def inline_svg(fig: Figure) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]


def inline_png(fig: Figure) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
