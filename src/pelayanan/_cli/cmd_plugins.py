"""``pelayanan plugins``: what is installed, what each plugin provides, what is broken."""

from __future__ import annotations

import argparse
from typing import Any

from pelayanan._cli.common import EXIT_OK, Console, add_format, write_json
from pelayanan._cli.sources import cli_registry
from pelayanan._i18n import gettext as _
from pelayanan._i18n import ngettext
from pelayanan._reports.tables import Table, render_text
from pelayanan.plugins._discovery import PluginInfo

__all__ = ["add_plugins"]


def add_plugins(commands: Any) -> None:
    """Register ``plugins``."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "plugins",
        help="installed plugins, their distributions, versions, what they provide, problems",
    )
    add_format(parser, "table", "json", output=False)
    # the old spelling of --format json, kept working but no longer shown
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(handler=run_plugins)


def _summary(info: PluginInfo) -> str:
    provides = info.provides
    rubrics, schemes = provides.rubrics, provides.zone_schemes
    models, readers = provides.scoring_models, provides.evidence_readers
    groups = (
        (rubrics, ngettext("{count} rubric: {names}", "{count} rubrics: {names}", len(rubrics))),
        (
            schemes,
            ngettext("{count} zone scheme: {names}", "{count} zone schemes: {names}", len(schemes)),
        ),
        (
            models,
            ngettext(
                "{count} scoring model: {names}", "{count} scoring models: {names}", len(models)
            ),
        ),
        (readers, ngettext("{count} reader: {names}", "{count} readers: {names}", len(readers))),
    )
    parts = [
        template.format(count=len(values), names=", ".join(values))
        for values, template in groups
        if values
    ]
    if provides.validates_rubrics:
        parts.append(_("checks rubrics"))
    return "; ".join(parts) or _("nothing")


def run_plugins(args: argparse.Namespace, console: Console) -> int:
    """List the plugins; problems go to the listing (the exit code stays 0)."""
    registry = cli_registry(None)
    plugins, blocked, problems = registry.plugins, registry.blocked, registry.problems
    if args.json or args.format == "json":
        data = {
            "plugins": plugins,
            "blocked": blocked,
            "problems": [
                {
                    "kind": p.kind.value,
                    "plugin": p.plugin,
                    "distribution": p.distribution,
                    "version": p.version,
                    "hook": p.hook,
                    "source": p.source,
                    "pointer": p.pointer,
                    "line": p.line,
                    "message": p.message,
                    "text": str(p),
                }
                for p in problems
            ],
        }
        write_json(console, data)
        return EXIT_OK
    rows = [
        (info.name, info.distribution or "-", info.version or "-", _summary(info))
        for info in plugins
    ]
    headers = (_("plugin"), _("distribution"), _("version"), _("provides"))
    console.print(render_text(Table(headers, rows)))
    for info in blocked:
        console.print(_("blocked: {plugin}").format(plugin=info.describe()))
    if problems:
        count = len(problems)
        console.print(ngettext("{count} problem:", "{count} problems:", count).format(count=count))
        for problem in problems:
            console.print(f"  {problem}")
    return EXIT_OK
