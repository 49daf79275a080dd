"""The cyclic collector is paused while results are built (a finish, or one card's
deferred breakdown) and switched back on when the last of the overlapping pauses ends,
whatever the threads doing them interleave; a deferred breakdown read by two threads at
once is one object (review of issue 11)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from fractions import Fraction

import pytest

from pelayanan._model.results import (
    Deferred,
    NodeResult,
    NodeStatus,
    building_results,
    indicator_node,
    trusted_card,
)
from pelayanan._model.text import Text

_WAIT = 10.0


def _deferred(body: Callable[[], None]) -> None:
    def make() -> tuple[NodeResult, ...]:
        body()
        return ()

    Deferred(make).build()


def _finish(body: Callable[[], None]) -> None:
    with building_results():
        body()


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.usefixtures("collector_on")
@pytest.mark.parametrize("first", [_deferred, _finish], ids=["deferred", "finish"])
@pytest.mark.parametrize("second", [_deferred, _finish], ids=["deferred", "finish"])
def test_overlapping_pauses_in_two_threads_leave_the_collector_on(
    monkeypatch: pytest.MonkeyPatch,
    first: Callable[[Callable[[], None]], None],
    second: Callable[[Callable[[], None]], None],
) -> None:
    # The interleaving that lost the collector: thread A pauses it (it was on); thread B
    # asks whether it is on (no: A paused it) and is switched out before pausing it; A
    # ends and switches it back on; B pauses it and, having seen it off, never switches
    # it back on. The hook below holds B right after it asked, until A has ended.
    b_went_on = threading.Event()
    a_ended = threading.Event()
    asked = gc.isenabled

    def held_isenabled() -> bool:
        answer = asked()
        if threading.current_thread().name == "B":
            b_went_on.set()
            a_ended.wait(_WAIT)
        return answer

    monkeypatch.setattr(gc, "isenabled", held_isenabled)

    def a_body() -> None:
        b_went_on.wait(_WAIT)  # A is inside its pause while B starts

    def b_body() -> None:
        b_went_on.set()  # B got into its pause without asking (it overlaps A's)
        a_ended.wait(_WAIT)

    a = threading.Thread(target=first, args=(a_body,), name="A")
    b = threading.Thread(target=second, args=(b_body,), name="B")
    a.start()
    b.start()
    a.join(2 * _WAIT)
    a_ended.set()
    b.join(2 * _WAIT)
    monkeypatch.undo()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_a_breakdown_that_fails_leaves_the_collector_on_and_stays_deferred() -> None:
    def make() -> tuple[NodeResult, ...]:
        raise AssertionError("a bug")

    deferred = Deferred(make)
    with pytest.raises(AssertionError):
        deferred.build()
    assert gc.isenabled()
    with pytest.raises(AssertionError), building_results():
        deferred.build()
    assert gc.isenabled()


def test_a_pause_leaves_a_collector_switched_off_by_the_program_off() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with building_results():
            Deferred(lambda: ()).build()
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


def test_two_threads_reading_an_unbuilt_breakdown_get_the_same_tuple_kept() -> None:
    # Two threads read a card's breakdown before either has built it: both build it, and
    # the second to finish used to replace the tuple the first had already returned (and
    # kept), so a breakdown read once could be another object when read again. The first
    # tuple built is kept and given to both.
    both_building = threading.Barrier(2, timeout=_WAIT)

    def make() -> tuple[NodeResult, ...]:
        both_building.wait()
        one = Fraction(1)
        return (
            indicator_node("i", Text.of("I"), NodeStatus.EVALUATED, one, one, one, one, one, 1),
        )

    card = trusted_card(
        "u", "U", "agency", None, None, None, None, Fraction(0), Deferred(make), 0, "flat"
    )
    seen: dict[str, object] = {}

    def read(name: str) -> None:
        seen[name] = card.breakdown

    threads = [threading.Thread(target=read, args=(name,)) for name in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(2 * _WAIT)
    assert seen["a"] is seen["b"] is card.breakdown
