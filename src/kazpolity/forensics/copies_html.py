"""The protocol-copies comparison as one self-contained HTML page: summary first, the
regions, then every difference (largest first) folded."""

from __future__ import annotations

import html

from kazpolity.forensics.copies import CopiesComparison

SHOWN = 1000


def render_copies_html(result: CopiesComparison, title: str) -> str:
    e = html.escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{e(title)}</title><style>body{{font-family:sans-serif;max-width:60em;"
        "margin:2em auto}table{border-collapse:collapse;font-size:.85em}td,th{border:1px "
        "solid #bbb;padding:2px 6px;text-align:right}th{background:#eee}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<p id='summary'>{result.compared:,} copies compared on {len(result.lines)} line(s) "
        f"({e(', '.join(result.lines))}); <strong>{result.differing:,}</strong> precinct(s) "
        f"differ; {len(result.not_in_official):,} cop(ies) of precincts not in the official "
        "file. A difference says two documents of one count disagree, not which is right.</p>",
        "<h2>By region</h2><table><tr><th>region</th><th>compared</th><th>differing</th>"
        "<th>leader: official − copies</th></tr>",
        *(f"<tr><td>{e(r.region)}</td><td>{r.compared:,}</td><td>{r.differing:,}</td>"
          f"<td>{r.leader_difference:+,}</td></tr>" for r in result.by_region),
        "</table><details><summary>Every difference, largest first</summary><table><tr>"
        "<th>precinct</th><th>region</th><th>line</th><th>official</th><th>copy</th>"
        "<th>official − copy</th></tr>",
        *(f"<tr><td>{e(d.precinct)}</td><td>{e(d.region)}</td><td>{e(d.line)}</td>"
          f"<td>{d.official:,}</td><td>{d.copy:,}</td><td>{d.difference:+,}</td></tr>"
          for d in result.differences[:SHOWN]),
        "</table></details>",
    ]
    if result.not_in_official:
        parts.append("<p>Copies of precincts not in the official file: "
                     + e(", ".join(result.not_in_official[:200])) + "</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
