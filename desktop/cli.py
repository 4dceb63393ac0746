"""The `amends` command: the desktop app with no arguments, tools for scripts and CI otherwise.

User mistakes (a missing file, a broken draft, an unknown template) end with one line on
stderr and exit status 2; a bug in Amends itself ends with status 70 and one line saying
where its report (the traceback) was written (desktop/crash_report.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop import paths
from desktop.build_info import build_info
from desktop.core import places
from desktop.core.channels import Channel
from desktop.core.checker.loader import RuleFileError
from desktop.core.compose import with_override
from desktop.core.draft_file import DraftFormatError, load_draft
from desktop.core.templates import TemplateError
from desktop.core.writers.email import AddressError, email_message, write_eml
from desktop.crash_report import report_internal_error
from desktop.layout_options import LayoutOptionError, add_layout_options, layout_from_args
from desktop.merge_command import MergeUsageError
from desktop.pipeline_options import MissingRuleFile, add_rules_option, catalogue, composer
from desktop.settings_options import (
    add_settings_option,
    settings_layout,
)
from desktop.verdict_option import EXIT_NOT_READY, NotReadyToSend, add_override_option, approved

EXIT_USAGE = 2
FORMATS = ("html", "txt", "docx", "pdf", "eml")
SUBCOMMANDS = ("templates", "profiles", "render", "check", "merge")


class UserError(Exception):
    """Something the user can fix; printed as one line, never as a traceback."""


def main(argv: list[str] | None = None) -> int:
    places.use(paths.places())  # the core is told where things are once, here
    argv = sys.argv[1:] if argv is None else argv
    if any(arg in SUBCOMMANDS for arg in argv):  # options such as --template-dir may come first
        parser = _tool_parser()
        args = parser.parse_args(argv)
        try:
            return args.run(args)
        except NotReadyToSend:
            return EXIT_NOT_READY
        except (
            UserError,
            MissingRuleFile,
            MergeUsageError,
            LayoutOptionError,
            DraftFormatError,
            TemplateError,
            RuleFileError,
            AddressError,
        ) as exc:
            print(f"amends: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except OSError as exc:
            print(f"amends: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_USAGE
        except Exception as exc:  # a bug in Amends, not the user's mistake: status 70 and a report
            return report_internal_error(exc, argv)
    return _launch_app(argv)


def _launch_app(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="amends",
        description="Compose apology letters and incident notices. With no arguments, opens the "
        f"desktop app. Tools: amends {{{','.join(SUBCOMMANDS)}}} --help",
    )
    parser.add_argument(
        "--version", action=_PrintVersion, nargs=0, help="show the version and build, then exit"
    )
    parser.add_argument(
        "--startup-check",
        action="store_true",
        help="open the window, report how long it took to be ready, and quit: a check for installers",
    )
    parser.add_argument("draft", nargs="?", type=Path, help="an .amends draft to open")
    args = parser.parse_args(argv)
    if args.draft is not None and not args.draft.is_file():
        print(f"amends: {args.draft}: no such draft file", file=sys.stderr)
        return EXIT_USAGE
    from desktop.gui.app import run_app  # Qt is imported only when a window is wanted

    return run_app(args.draft, startup_check=args.startup_check)


class _PrintVersion(argparse.Action):
    """argparse's own version action rewraps text into one paragraph; these are three lines."""

    def __call__(self, parser, namespace, values, option_string=None):
        print(build_info().text())
        parser.exit()


def _tool_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="amends")
    parser.add_argument(
        "--template-dir",
        type=Path,
        action="append",
        default=[],
        help="an extra folder of letter templates (may be repeated)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    listing = sub.add_parser("templates", help="list the letter templates")
    add_settings_option(listing)
    listing.set_defaults(run=_run_templates)

    profiles = sub.add_parser(
        "profiles",
        help="list the compliance profiles: what the law asks of breach notices and final responses",
    )
    add_settings_option(profiles)
    profiles.set_defaults(run=_run_profiles)

    render = sub.add_parser("render", help="render a draft to HTML, plain text, DOCX, PDF or an e-mail draft")
    render.add_argument("draft", type=Path)
    render.add_argument("-t", "--template", help="template id (default: the draft's own)")
    render.add_argument("--to", choices=FORMATS, help="output format (default: from the -o suffix)")
    render.add_argument("-o", "--output", type=Path, required=True, help="output file, or - for stdout")
    add_rules_option(render)
    add_override_option(render)
    add_layout_options(render)
    add_settings_option(render)
    render.set_defaults(run=_run_render)

    from desktop.check_command import add_check_parser
    from desktop.merge_command import add_merge_parser

    add_check_parser(sub)
    add_merge_parser(sub, composer)
    return parser


def _run_templates(args: argparse.Namespace) -> int:
    cat = catalogue(args)
    for template in cat:
        origin = "" if template.builtin else f"  [{template.path.parent}]"
        print(f"{template.id:22} {template.kind.value:10} {template.name}{origin}")
    for problem in cat.problems:
        print(f"amends: skipped a template: {problem}", file=sys.stderr)
    return 1 if cat.problems else 0


def _run_profiles(args: argparse.Namespace) -> int:
    """One profile a paragraph: id, letter type, where it applies, and the source it rests on."""
    from desktop.pipeline_options import profile_catalogue

    found = profile_catalogue(args)
    for profile in found:
        places = ", ".join(profile.jurisdictions) + ("" if profile.automatic else "; only when asked for")
        origin = "" if profile.builtin else f"  [{profile.path.parent}]"
        print(f"{profile.id:24} {profile.letter_type.value:15} {profile.name}{origin}")
        print(f"{'':24} applies to: {places}")
        print(f"{'':24} source: {profile.source} (checked {profile.checked:%Y-%m-%d})")
    for problem in found.problems:
        print(f"amends: skipped a profile: {problem}", file=sys.stderr)
    return 1 if found.problems else 0


def _run_render(args: argparse.Namespace) -> int:
    fmt = args.to or _format_from_suffix(args.output)
    if fmt in ("docx", "pdf", "eml") and str(args.output) == "-":
        raise UserError(f"{fmt.upper()} cannot go to standard output; give a file name with -o")
    if str(args.output) != "-":
        _guard_output(args.output)
    draft = load_draft(args.draft)
    pipeline = composer(args)
    template = pipeline.catalogue.get(args.template or draft.template)
    composed = pipeline.compose(draft, template_id=template.id, channel=FORMAT_CHANNELS[fmt])
    if composed.render_error is not None:  # the template's problem, not the draft's: one line, exit 2
        raise composed.render_error
    reason = approved(composed, args, str(args.draft))
    assert composed.document is not None  # approved() refuses a letter that did not render
    document = with_override(composed.document, reason)
    if fmt == "eml":
        _guard_output(args.output)
        recipient, sender = composed.letter.recipient, draft.sender
        write_eml(
            email_message(document, recipient.email, recipient.name, sender.email, sender.name), args.output
        )
        return 0
    _write(document, fmt, args.output, layout_from_args(args, settings_layout(args)))
    return 0


FORMAT_CHANNELS = {
    "docx": Channel.PRINT,
    "pdf": Channel.PRINT,
    "html": Channel.PRINT,
    "txt": Channel.EMAIL,
    "eml": Channel.EMAIL,
}
"""The letter each format carries: HTML is the page as printed, plain text what is pasted
into a message (as the clipboard gives it)."""


def _format_from_suffix(output: Path) -> str:
    suffix = output.suffix.lower().lstrip(".")
    suffix = {"htm": "html", "text": "txt"}.get(suffix, suffix)
    if suffix not in FORMATS:
        raise UserError(f"cannot tell the format from {output.name!r}; add --to {'|'.join(FORMATS)}")
    return suffix


def _write(document, fmt: str, output: Path, layout=None) -> None:
    from desktop.core.writers.docx import write_docx
    from desktop.core.writers.html import to_html_page
    from desktop.core.writers.plain import to_text

    if fmt == "docx":
        _guard_output(output)
        write_docx(document, output, layout)
        return
    if fmt == "pdf":
        from desktop.core.writers.pdf import write_pdf  # ReportLab is loaded only for a PDF

        _guard_output(output)
        write_pdf(document, output, layout)
        return
    text = to_html_page(document) if fmt == "html" else to_text(document)
    if str(output) == "-":
        sys.stdout.write(text)
        return
    _guard_output(output)
    output.write_text(text, encoding="utf-8")


def _guard_output(output: Path) -> None:
    if output.is_dir():
        raise UserError(f"{output} is a folder; give a file name with -o")
    if not output.parent.is_dir():
        raise UserError(f"{output.parent}: no such folder")


if __name__ == "__main__":
    sys.exit(main())
