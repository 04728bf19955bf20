"""An article report as markdown or HTML (``articles report ID --format``)."""

from __future__ import annotations

from html import escape
from typing import Any

_VERDICT = {"agrees": "agrees", "conflicts": "**conflicts**", "not_covered": "not covered"}


def to_markdown(report: dict[str, Any]) -> str:
    """Claims, conflicts with both sources, and the warning signs the article leaves out."""
    lines = [
        f"# {report['title']}",
        "",
        f"`{report['id']}` · language {report['language']} · knowledge base {report['kb_version']}",
        "",
        "## Conflicts with the evidence",
    ]
    if not report["conflicts"]:
        lines.append("None found.")
    for c in report["conflicts"]:
        lines += [
            "",
            f"### {c['id']} ({c['topic']})",
            f"> {c['claim']}",
            "",
            c["position"],
            "",
            "Sources: " + ", ".join(c["citations"]),
        ]
    lines += ["", "## Claims", "", "| kind | words | knowledge base | verdict |", "|---|---|---|---|"]
    for c in report["claims"]:
        words = c["text"].replace("|", "\\|")
        lines.append(
            f"| {c['kind']} | {words} | {', '.join(c['kb_ids']) or '—'} | {_VERDICT[c['verdict']]} |"
        )
    lines += ["", "## Warning signs the article never mentions", ""]
    lines += [f"- {m['name']} ({m['level']}): {', '.join(m['findings'])}" for m in report["missing"]] or [
        "None."
    ]
    return "\n".join(lines) + "\n"


def to_html(report: dict[str, Any]) -> str:
    """The same as :func:`to_markdown`, as a standalone page."""
    rtl = ' dir="rtl"' if report["language"] == "ar" else ""
    parts = [
        f'<!doctype html><html lang="{report["language"]}"{rtl}><meta charset="utf-8">',
        f"<title>{escape(report['title'])}</title><h1>{escape(report['title'])}</h1>",
        f"<p><code>{escape(report['id'])}</code> · knowledge base {escape(report['kb_version'])}</p>",
        "<h2>Conflicts with the evidence</h2>",
    ]
    for c in report["conflicts"] or []:
        parts.append(
            f"<h3>{escape(c['id'])}</h3><blockquote>{escape(c['claim'])}</blockquote>"
            f"<p>{escape(c['position'])}</p><p>Sources: {escape(', '.join(c['citations']))}</p>"
        )
    if not report["conflicts"]:
        parts.append("<p>None found.</p>")
    parts.append(
        "<h2>Claims</h2><table><tr><th>kind</th><th>words</th><th>knowledge base</th><th>verdict</th></tr>"
    )
    for c in report["claims"]:
        parts.append(
            f"<tr><td>{escape(c['kind'])}</td><td>{escape(c['text'])}</td>"
            f"<td>{escape(', '.join(c['kb_ids']))}</td><td>{escape(c['verdict'])}</td></tr>"
        )
    parts.append("</table><h2>Warning signs the article never mentions</h2><ul>")
    parts += [f"<li>{escape(m['name'])} ({escape(m['level'])})</li>" for m in report["missing"]]
    parts.append("</ul></html>")
    return "\n".join(parts)
