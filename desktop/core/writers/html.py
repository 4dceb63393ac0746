"""HTML for the live preview (a styled page) and the clipboard (a bare fragment)."""

from __future__ import annotations

from html import escape

from desktop.core.document import (
    LINE_BREAK,
    AddressBlock,
    Block,
    BulletList,
    DateLine,
    Document,
    Heading,
    Letterhead,
    Paragraph,
    Runs,
    Salutation,
    SignOff,
    Subject,
)

PAGE_STYLE = """
body { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; font-size: 11pt;
       line-height: 1.45; max-width: 42em; margin: 2em auto; color: #1d1d1f; }
.letterhead { margin-bottom: 1.6em; }
.letterhead .company { font-size: 15pt; font-weight: 600; }
.letterhead .line { color: #555; }
.date { margin: 1em 0; }
.address { margin: 1em 0; }
.subject { font-weight: 600; margin: 1.2em 0; }
h3 { font-size: 11pt; margin: 1.2em 0 0.3em; }
ul { margin: 0.4em 0 0.8em 1.4em; padding: 0; }
.signoff { margin-top: 1.6em; }
.signoff .name { margin-top: 2.4em; }
"""


def to_html_fragment(document: Document) -> str:
    """The letter's blocks only: what a mail client receives from the clipboard."""
    return "\n".join(_block(block) for block in document.blocks)


def to_html_page(document: Document) -> str:
    title = escape(document.title or "Letter")
    reason = document.metadata.get("override", "")
    note = f'<meta name="amends-override" content="{escape(reason)}">' if reason else ""
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">{note}'
        f"<title>{title}</title><style>{PAGE_STYLE}</style></head>\n"
        f"<body>\n{to_html_fragment(document)}\n</body></html>\n"
    )


def _block(block: Block) -> str:
    match block:
        case Letterhead(lines):
            first, *rest = lines
            inner = f'<div class="company">{escape(first)}</div>' + "".join(
                f'<div class="line">{escape(line)}</div>' for line in rest
            )
            return f'<div class="letterhead">{inner}</div>'
        case DateLine(text):
            return f'<p class="date">{escape(text)}</p>'
        case AddressBlock(lines):
            return f'<p class="address">{"<br>".join(escape(line) for line in lines)}</p>'
        case Subject(runs):
            return f'<p class="subject"><strong>{_runs(runs)}</strong></p>'
        case Salutation(text):
            return f"<p>{escape(text)}</p>"
        case Heading(runs):
            return f"<h3>{_runs(runs)}</h3>"
        case Paragraph(runs):
            return f"<p>{_runs(runs)}</p>"
        case BulletList(items):
            return "<ul>" + "".join(f"<li>{_runs(item)}</li>" for item in items) + "</ul>"
        case SignOff(closing, lines):
            parts = [f"<p>{escape(closing)}</p>"] if closing else []
            if lines:
                name, *rest = lines
                parts.append(
                    f'<p class="name">{escape(name)}'
                    + "".join(f"<br>{escape(line)}" for line in rest)
                    + "</p>"
                )
            return f'<div class="signoff">{"".join(parts)}</div>'
    raise TypeError(f"no HTML for {block!r}")


def _runs(runs: Runs) -> str:
    out = []
    for run in runs:
        text = escape(run.text)
        if LINE_BREAK in text:
            text = text.replace(LINE_BREAK, "<br>")
        if run.strong:
            text = f"<strong>{text}</strong>"
        if run.emphasis:
            text = f"<em>{text}</em>"
        out.append(text)
    return "".join(out)
