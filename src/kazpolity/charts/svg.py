"""Small helpers for writing SVG as text: escaping and number formatting."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

SVG_NS = "http://www.w3.org/2000/svg"


def num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (stable snapshots)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def text(value: str) -> str:
    """Character data, escaped."""
    return escape(value)


def attr(value: str) -> str:
    """An attribute value with its quotes, escaped."""
    return quoteattr(value)


def document(width: float, height: float, body: list[str], *, label: str,
             css_class: str) -> str:
    """A standalone SVG document (also valid inline in HTML)."""
    head = (
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 {num(width)} {num(height)}" '
        f'width="{num(width)}" height="{num(height)}" role="img" '
        f"aria-label={attr(label)} class={attr(css_class)}>"
    )
    return "\n".join([head, f"<title>{text(label)}</title>", *body, "</svg>"]) + "\n"
