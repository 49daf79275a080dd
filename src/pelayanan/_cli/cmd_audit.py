"""``pelayanan audit``: do a published report's figures follow from its own inputs?

Exit codes: 0 consistent (every Ombudsman row agrees); 3 inconsistent or undetermined (a row
disagrees); 1 invalid input; 2 usage.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pelayanan._cli.common import CliError, Console, add_format, add_lang, write_json
from pelayanan._cli.sources import cli_registry
from pelayanan._i18n import gettext as _

__all__ = ["add_audit"]


def add_audit(commands: Any) -> None:
    """Register ``audit``."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "audit",
        help="check a published SKM/IKM report's figures (or an Ombudsman list's zones)",
        description="Find the weight and rounding chain that reproduce every figure a "
        "published SKM or IKM report prints, and name each figure nothing explains. With "
        "--ombudsman, check each row of a CSV list (unit, year, score, zone[, level, "
        "category]) against the table of its year and level.",
        epilog="Exit codes: 0 consistent, 3 inconsistent or undetermined, 1 invalid input, "
        "2 usage error.",
    )
    parser.add_argument(
        "file", metavar="FILE", help="a published-report document (YAML/JSON), or a CSV list"
    )
    parser.add_argument(
        "--ombudsman",
        action="store_true",
        help="FILE is an Ombudsman list (CSV) to check against each year's zone table",
    )
    add_format(parser, "text", "json", output=False)
    add_lang(parser)
    parser.set_defaults(handler=run_audit)


def run_audit(args: argparse.Namespace, console: Console) -> int:
    """Audit the report (or list) and print the verdict; the exit code follows it."""
    path = Path(args.file)
    if not path.is_file():
        raise CliError(_("no such file: {file}").format(file=args.file))
    if args.ombudsman:
        from pelayanan._auditing.ombudsman import audit_ombudsman

        listing = audit_ombudsman(path, registry=cli_registry(console))
        if args.format == "json":
            write_json(console, listing.to_data())
        else:
            console.print(listing.render_text())
        return listing.exit_code
    from pelayanan._auditing import audit
    from pelayanan._auditing.render import render_text

    result = audit(path, registry=cli_registry(console))
    if args.format == "json":
        write_json(console, result.to_data())
    else:
        console.print(render_text(result))
    return result.exit_code
