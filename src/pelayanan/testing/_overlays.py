"""A strategy for overlays (tailorings) that apply cleanly to a given rubric."""

from hypothesis import strategies as st

from pelayanan._model.rubric import Group, Indicator, Rubric, walk
from pelayanan._model.tailoring import Addition, Overlay, Replacement, apply_overlay
from pelayanan._model.text import Text
from pelayanan.testing._model_strategies import _points, scales, scales_for, weights

__all__ = ["overlays_for"]


def _subset(draw: st.DrawFn, items: list[str], label: str) -> list[str]:
    if not items:
        return []
    return draw(st.lists(st.sampled_from(items), unique=True, max_size=len(items)), label=label)


def _protected(rubric: Rubric, keep: Indicator) -> set[str]:
    """``keep`` and its ancestor groups: removing any of them would remove ``keep``."""
    for node, ancestors in walk(rubric.children):
        if node is keep:
            return {keep.id, *(group.id for group in ancestors)}
    return {keep.id}


@st.composite
def overlays_for(draw: st.DrawFn, rubric: Rubric) -> Overlay:
    """An overlay for ``rubric`` that :func:`~pelayanan._model.tailoring.apply_overlay`
    accepts: it selects or drops some nodes (never every indicator), substitutes some
    indicators (new ids ``s0``, ``s1``...), adds local indicators (``a0``, ``a1``..., at the
    top level or into a group that is left), renames and re-weights some of what is left and
    pins parameter choices. Shrinks to an overlay that changes nothing.
    """
    indicators = list(rubric.indicators())
    keep = draw(st.sampled_from(indicators), label="kept indicator")
    protected = _protected(rubric, keep)
    removable = [node.id for node in rubric.nodes() if node.id not in protected]
    mode = draw(st.sampled_from(["none", "drop", "select"]), label="removal")
    drop: list[str] = []
    select: list[str] = []
    if mode == "drop":
        drop = _subset(draw, removable, "drop")
    elif mode == "select":
        others = [node.id for node in rubric.nodes() if node.id != keep.id]
        select = [keep.id, *_subset(draw, others, "select")]
    base = Overlay(f"{rubric.id}-o", rubric.version, rubric.ref, drop=drop, select=select)
    left = apply_overlay(rubric, base)
    survivors = [indicator.id for indicator in left.indicators()]
    replaced = _subset(draw, survivors, "substitute")
    substitute = {}
    for number, old in enumerate(replaced):
        new_id = f"s{number}"
        fitting = scales_for(rubric.scoring.model)
        scale = draw(st.one_of(st.none(), fitting), label=f"{new_id} scale")
        weight = draw(st.one_of(st.none(), weights()), label=f"{new_id} weight")
        substitute[old] = Replacement(new_id, Text.of(new_id), scale=scale, weight=weight)
    after = [substitute[i].id if i in substitute else i for i in survivors]
    groups = [node.id for node in left.nodes() if isinstance(node, Group)]
    add = [_addition(draw, f"a{number}", rubric, groups) for number in range(_count(draw))]
    names = after + [new.id for new in add] + groups
    rename = {key: Text.of(f"{key} (renamed)") for key in _subset(draw, names, "rename")}
    reweight = {
        key: draw(weights(), label=f"{key} weight") for key in _subset(draw, names, "reweight")
    }
    pinned = {
        parameter.id: draw(st.sampled_from(parameter.names()), label=parameter.id)
        for parameter in rubric.parameters
        if draw(st.booleans(), label=f"pin {parameter.id}")
    }
    return Overlay(
        f"{rubric.id}-o",
        rubric.version,
        rubric.ref,
        drop=drop,
        select=select,
        substitute=substitute,
        rename=rename,
        reweight=reweight,
        parameters=pinned,
        add=add,
    )


def _count(draw: st.DrawFn) -> int:
    return draw(st.integers(0, 2), label="added indicators")


def _addition(draw: st.DrawFn, new_id: str, rubric: Rubric, groups: list[str]) -> Addition:
    """A local indicator fit for the rubric's model: ``survey_index`` needs an answer scale
    (the default, boolean, is refused there) and ``points`` needs points."""
    survey = rubric.scoring.model == "survey_index"  # no scale is the boolean one
    fitting = scales_for("survey_index") if survey else st.one_of(st.none(), scales())
    return Addition(
        new_id,
        Text.of(new_id),
        into=draw(st.one_of(st.none(), st.sampled_from(groups)) if groups else st.none()),
        scale=draw(fitting, label=f"{new_id} scale"),
        weight=draw(weights(), label=f"{new_id} weight"),
        points=draw(_points(), label=f"{new_id} points")
        if rubric.scoring.model == "points"
        else None,
    )
