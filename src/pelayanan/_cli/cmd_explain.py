"""``pelayanan explain``: one unit's score, what made it, and what to fix to climb a band."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs

from pelayanan._cli.cmd_practice import add_target_options, period_targets, with_targets
from pelayanan._cli.common import (
    EXIT_OK,
    CliError,
    Console,
    UsageError,
    add_format,
    write_json,
    write_output,
)
from pelayanan._cli.pipeline import EvidenceFeed, add_scoring_options, setup
from pelayanan._cli.sources import unknown_unit
from pelayanan._i18n import gettext as _
from pelayanan._model.evidence import Evidence
from pelayanan._model.records import EvidenceRecord, recording
from pelayanan._model.results import Assessment, NodeResult, ScoreCard
from pelayanan._model.targets import Target, apply_targets
from pelayanan._model.units import UnitTree
from pelayanan._model.zones import Band, Zone, ZoneScheme
from pelayanan._reports.figures import fmt_percent, fmt_points, fmt_score
from pelayanan._reports.i18n import level_name, status_name, words
from pelayanan._reports.practice import records_table, term
from pelayanan._reports.tables import Table, band_text, render_markdown, render_text
from pelayanan._scoring import FixPlan, ScoringError, plan_fixes, score

__all__ = ["add_explain"]


def add_explain(commands: Any) -> None:
    """Register ``explain``."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "explain",
        help="why a unit scored what it did, and what to fix to reach the next band",
        description="Show the breakdown of one unit's score and the smallest set of fixes "
        "that lifts it into the next band.",
    )
    parser.add_argument(
        "--unit", metavar="ID", help="the unit to explain (default: the only top unit)"
    )
    add_scoring_options(parser)
    add_target_options(parser)
    parser.add_argument(
        "--target",
        nargs="?",
        const="",
        metavar="SCORE|BAND",
        help="plan the fixes to reach this score or band instead of the next band; without "
        "a value, the unit's target in --targets",
    )
    add_format(parser, "table", "json", "markdown")
    parser.set_defaults(handler=run_explain)


def _target_scheme(scheme: ZoneScheme, wanted: Decimal) -> ZoneScheme:
    """A two-band scheme whose upper band starts at ``wanted``: planning the fixes to reach
    its next band is planning the fixes to reach the target (same rounding as ``scheme``)."""
    zones = [Zone("below", "below target", "#c0392b"), Zone("target", "target", "#1e8449")]
    bands = [
        Band(scheme.minimum, "below", "below target", "below"),
        Band(wanted, "target", f"target {wanted}", "target"),
    ]
    return ZoneScheme(
        "target",
        "1",
        f"target {wanted}",
        scheme.minimum,
        scheme.maximum,
        bands,
        zones,
        scheme.rounding,
    )


def _wanted(args: argparse.Namespace, unit: str, scheme: ZoneScheme) -> tuple[Target, Decimal]:
    """The unit's target (from --target VALUE, or its row in --targets) and its score."""
    if args.target == "":
        if args.targets is None:
            raise UsageError(_("--target without a value reads the unit's target from --targets"))
        table = period_targets(args)
        if unit not in table:
            raise CliError(
                _("{file}: no target for unit '{unit}'").format(file=args.targets, unit=unit)
            )
        target = table[unit]
    else:
        text = str(args.target).strip()
        try:
            target = (
                Target(unit, args.period or "-", band=text)
                if any(b.code == text for b in scheme.bands)
                else Target(unit, args.period or "-", score=text)
            )
        except ValueError as error:
            codes = ", ".join(b.code for b in scheme.bands)
            raise UsageError(
                _("--target: {problem} (or a band code: {codes})").format(
                    problem=error, codes=codes
                )
            ) from None
    if target.band is not None:
        try:
            return target, scheme.rounding.apply(scheme.band(target.band).lower)
        except KeyError:
            raise CliError(
                _("target band '{band}' is not a band of {scheme}").format(
                    band=target.band, scheme=scheme.ref
                )
            ) from None
    assert target.score is not None
    if not scheme.minimum < target.score <= scheme.maximum:
        raise CliError(
            _("target {score} is outside the scale of {scheme}").format(
                score=target.score, scheme=scheme.ref
            )
        )
    return target, target.score


def _only_unit(tree: UnitTree | None, seen: list[str]) -> str:
    """The one top unit, when ``--unit`` is not given."""
    candidates = [unit.id for unit in tree.roots()] if tree is not None else seen
    if len(candidates) == 1:
        return candidates[0]
    listed = ", ".join(candidates[:20]) + (" ..." if len(candidates) > 20 else "")
    raise UsageError(
        _("name the unit to explain with --unit (one of: {units})").format(units=listed)
    )


def _collect(feed: EvidenceFeed) -> tuple[str, list[Evidence]]:
    given, units = feed.setup.args.unit, feed.units
    keep: set[str] | None = None
    if units is not None and given is not None:
        if given not in units:
            raise CliError(unknown_unit(given, [unit.id for unit in units]))
        keep = {leaf.id for leaf in units.leaves(given)}
    elif given is not None:
        keep = {given}
    items: list[Evidence] = []
    seen: dict[str, None] = {}
    for item in feed.evidence():
        seen.setdefault(item.unit)
        if keep is None or item.unit in keep:
            items.append(item)
    if not seen and (units is None or not len(units)):
        raise CliError(
            _("{files}: no evidence rows, so there is no unit to explain (a header only?)").format(
                files=", ".join(feed.setup.args.evidence)
            )
        )
    target = given if given is not None else _only_unit(units, list(seen))
    if keep is None:
        wanted = {leaf.id for leaf in units.leaves(target)} if units is not None else {target}
        items = [item for item in items if item.unit in wanted]
    if not items and units is None:
        raise CliError(_("no evidence for unit '{unit}'").format(unit=target))
    return target, items


def run_explain(args: argparse.Namespace, console: Console) -> int:
    """Score one unit, plan its fixes, and write both."""
    chosen = setup(args, console)
    feed = EvidenceFeed(chosen, args.evidence, console)
    units = feed.units
    target, items = _collect(feed)
    tree = units.subtree(target) if units is not None else UnitTree.flat([target])
    models = chosen.registry.scoring_models()
    records: list[EvidenceRecord] = []
    items = list(recording(items, records))
    plan_scheme = chosen.scheme
    agreed: Target | None = None
    if args.target is not None:
        if chosen.scheme is None:
            raise CliError(_("--target needs a zone scheme (--scheme, or the rubric's)"))
        agreed, wanted = _wanted(args, target, chosen.scheme)
        try:
            plan_scheme = _target_scheme(chosen.scheme, wanted)
        except ValueError:
            raise CliError(
                _("target {score} is at the bottom of the scale: nothing to plan").format(
                    score=wanted
                )
            ) from None
    try:
        assessment = score(
            chosen.rubric,
            items,
            tree,
            zone_scheme=chosen.scheme,
            missing=args.missing,
            models=models,
            assessed_on=args.assessed_on,
        )
        plan = None
        if plan_scheme is not None:
            plan = plan_fixes(
                chosen.rubric,
                items,
                target,
                tree,
                zone_scheme=plan_scheme,
                missing=args.missing,
                models=models,
            )
    except (ScoringError, ValueError) as error:
        raise CliError(str(error)) from None
    assessment = attrs.evolve(assessment, records=tuple(records))
    if agreed is not None:
        assessment = apply_targets(assessment, [agreed], chosen.scheme)
    elif args.targets is not None:
        assessment = with_targets(assessment, args, chosen.scheme, present=True)
    card = assessment.cards[0]
    names = {unit.id: unit.name for unit in tree}
    if args.format == "json":
        write_json(console, {**_json(assessment, plan), "records": records}, args.output)
        return EXIT_OK
    markdown = args.format == "markdown"
    text = _text(card, plan, names, chosen.lang, markdown=markdown)
    render = render_markdown if markdown else render_text
    if card.target is not None:
        t = card.target
        state = term("yes" if t.met else "no", chosen.lang)
        text += (
            f"\n{term('target', chosen.lang)}: {t.score}"
            + ("" if t.band is None else f" ({t.band})")
            + f" · {term('gap', chosen.lang)} {t.gap} · {term('met', chosen.lang)}: {state}\n"
        )
    if records:
        noted = any(r.note for r in records)
        # str(): "\n" + Md would escape the newline and the text before it as Markdown
        text += "\n" + str(render(records_table(assessment, chosen.lang, noted=noted)))
    write_output(console, text, args.output)
    return EXIT_OK


def _nodes(nodes: tuple[NodeResult, ...], depth: int = 0) -> Iterator[tuple[int, NodeResult]]:
    for node in nodes:
        yield depth, node
        yield from _nodes(node.children, depth + 1)


def _text(
    card: ScoreCard, plan: FixPlan | None, names: dict[str, str], lang: str, *, markdown: bool
) -> str:
    w = words(lang)
    zone = "-" if card.zone is None else card.zone.label.get(lang)
    head = (
        f"{card.name} ({card.unit_id}) - {level_name(card.level, lang)}\n"
        f"{w['score']} {fmt_score(card.published)} · {band_text(card, lang)} · {zone} · "
        f"{w['coverage']} {fmt_percent(card.coverage)}"
    )
    rows = [
        (
            "  " * depth + node.title.get(lang),
            # a whole weight without its decimal mark: "1", not "1," in Indonesian
            fmt_points(node.weight, 4).rstrip("0").rstrip(".,"),
            "-" if node.value is None else fmt_points(node.value),
            fmt_points(node.contribution),
            fmt_points(node.maximum),
            fmt_points(node.lost),
            status_name(node.status.value, lang),
        )
        for depth, node in _nodes(card.breakdown)
    ]
    headers = (
        w["component"],
        w["weight"],
        w["value"],
        w["contribution"],
        w["maximum"],
        w["lost"],
        w["status"],
    )
    render = render_markdown if markdown else render_text
    parts = [head, "", render(Table(headers, rows, {1, 2, 3, 4, 5}, w["breakdown"]))]
    if plan is not None:
        parts += ["", *_plan(plan, names, lang, render)]
    return "\n".join(part.rstrip("\n") for part in parts) + "\n"


def _plan(plan: FixPlan, names: dict[str, str], lang: str, render: Any) -> list[str]:
    w = words(lang)
    if plan.target is None:
        return [w["fix_top"].capitalize() + "."]
    target = (
        f"{plan.target.code} ({plan.target.label.get(lang)}) >= {fmt_points(plan.target.lower)}"
    )
    lines = [f"{w['plan']}: {w['target'].lower()} {target}"]
    rows = [
        (
            str(i),
            names.get(fix.unit_id, fix.unit_id),
            fix.title.get(lang),
            "-" if fix.current is None else fmt_points(fix.current),
            fmt_points(fix.target),
            f"+{fmt_points(fix.gain)}",
        )
        for i, fix in enumerate(plan.fixes, start=1)
    ]
    if rows:
        headers = ("#", w["unit"], w["fix_item"], w["value"], w["target"], w["gain"])
        lines += [render(Table(headers, rows, {0, 3, 4, 5})), ""]
    lines.append(f"{w['projected']}: {fmt_score(plan.projected)}")
    if not plan.reachable:
        lines.append(w["unreachable"])
    if not plan.exact:
        lines.append(w["greedy"])
    return lines


def _json(assessment: Assessment, plan: FixPlan | None) -> dict[str, Any]:
    data: dict[str, Any] = {"card": assessment.cards[0]}
    if plan is not None:
        band = plan.target
        data["plan"] = {
            "target": None if band is None else band.code,
            "target_lower": None if band is None else band.lower,
            "fixes": [
                {
                    "unit": fix.unit_id,
                    "indicator": fix.indicator_id,
                    "current": fix.current,
                    "target": fix.target,
                    "gain": fix.gain,
                }
                for fix in plan.fixes
            ],
            "projected": plan.projected,
            "reachable": plan.reachable,
            "exact": plan.exact,
        }
    return data
