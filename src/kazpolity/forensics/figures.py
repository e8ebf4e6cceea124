"""Figures (matplotlib, Agg backend): fingerprint heatmap, integer-percent histograms,
null distribution, digit charts, Shpilkin's turnout histogram, switching posteriors, bars
(relations, regions) and panels across elections. Each function returns a Figure; ``save``
writes PNG + SVG."""

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
from kazpolity.forensics.shpilkin import ShpilkinEstimate
from kazpolity.forensics.table import FloatArray, PrecinctTable


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


def shpilkin_figure(table: PrecinctTable, estimate: ShpilkinEstimate) -> Figure:
    """Shpilkin's picture: votes for the leader and for everybody else, summed over
    precincts in 1-point turnout bins, with the clean peak marked and the clean leader line
    (the opposition curve scaled by s0 / (1 - s0)) that the estimate assumes."""
    t = table.turnout()
    lead = table.leader_votes().astype(np.float64)
    opp = table.cast().astype(np.float64) - lead
    ok = np.isfinite(t)
    bins = np.linspace(0, 1, 101)
    h_lead, _ = np.histogram(np.clip(t[ok], 0, 1), bins=bins, weights=lead[ok])
    h_opp, _ = np.histogram(np.clip(t[ok], 0, 1), bins=bins, weights=opp[ok])
    mid = 100 * (bins[:-1] + bins[1:]) / 2
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot(mid, h_lead, color="crimson", label="leader")
    ax.plot(mid, h_opp, color="0.3", label="all others")
    central = sorted(estimate.variants, key=lambda v: v.anomalous_votes)[
        len(estimate.variants) // 2]
    s0 = central.clean_share
    ax.plot(mid, h_opp * s0 / (1 - s0), color="crimson", linestyle="--",
            label=f"leader if clean (share {100 * s0:.1f}%)")
    ax.axvline(100 * central.peak_turnout, color="0.5", linestyle=":", label="clean peak")
    ax.set_xlabel("turnout, % (1-point bins)")
    ax.set_ylabel("votes")
    ax.set_title(f"Clean-peak estimate: {estimate.low:,.0f} to {estimate.high:,.0f} "
                 "anomalous leader votes")
    ax.legend()
    fig.tight_layout()
    return fig


def posterior_figure(posterior: FloatArray, title: str) -> Figure:
    """Histogram of per-precinct posterior probabilities of the switched component."""
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.hist(posterior[np.isfinite(posterior)], bins=40, range=(0.0, 1.0), color="0.4")
    ax.axvline(0.9, color="crimson", linestyle="--", label="flag threshold 0.9")
    ax.set_yscale("log")
    ax.set_xlabel("posterior probability of the switched component")
    ax.set_ylabel("precincts (log scale)")
    ax.set_title(title)
    ax.legend()
    fig.tight_layout()
    return fig


def bars_figure(labels: list[str], values: list[float], title: str, xlabel: str) -> Figure:
    """Horizontal bars (one per label): relation violations, per-region statistics, panels."""
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(labels) + 1.5))
    ax.barh(range(len(labels)), values, color="0.4")
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def panel_figure(labels: list[str], values: list[float], low: list[float],
                 high: list[float], title: str, ylabel: str) -> Figure:
    """One statistic across elections, in the given order, with its reference range."""
    fig, ax = plt.subplots(figsize=(7, 4))
    x = np.arange(len(labels))
    ax.plot(x, values, marker="o", color="crimson")
    ax.fill_between(x, low, high, color="0.85", label="reference range")
    ax.set_xticks(x, labels)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend()
    fig.tight_layout()
    return fig
