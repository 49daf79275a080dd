"""The YAML front end of the document parser: PyYAML's events into :class:`_Builder`.

Imported only when a YAML text is read (:func:`pelayanan._documents._parser.parse`), so that
reading JSON, or a shipped file kept as JSON (:mod:`pelayanan._documents.builtin`), never
imports PyYAML.
"""

from __future__ import annotations

from typing import Any, NoReturn

import yaml
from yaml import events
from yaml.nodes import ScalarNode

from pelayanan._documents._context import Collector, LineIndex, Position
from pelayanan._documents._parser import _MORE_FLOATS, FLOAT, STR, _Builder

__all__ = ["read"]


def read(text: str, collector: Collector) -> Any:
    """Read the YAML ``text`` into plain data (see :func:`pelayanan._documents._parser.parse`)."""
    # libyaml first (much faster); any syntax error is read again by the pure-Python parser
    # so that messages are the same whichever parser the machine has.
    if getattr(yaml, "__with_libyaml__", False):
        builder = _Builder(collector)
        try:
            _read_yaml(text, builder, _FastYamlEvents(text))  # type: ignore[arg-type]
            return builder.root
        except (yaml.MarkedYAMLError, yaml.reader.ReaderError):
            collector.restart()
    builder = _Builder(collector)
    try:
        _read_yaml(text, builder, _YamlEvents(text))
    except yaml.MarkedYAMLError as err:
        _yaml_syntax_error(err, builder)
    except yaml.reader.ReaderError as err:
        message = f"the control character U+{err.character:04X} is not allowed in YAML"
        collector.stop("", message, LineIndex(text).locate(err.position))
    return builder.root


class _Resolver(yaml.resolver.Resolver):
    """PyYAML's YAML 1.1 implicit types, plus the number forms JSON and YAML 1.2 accept."""


_Resolver.add_implicit_resolver(FLOAT, _MORE_FLOATS, list("-+.0123456789"))


class _YamlEvents(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, _Resolver):
    """Just enough of a PyYAML loader to produce events and resolve plain scalars.

    There is deliberately no composer and no constructor: nothing is ever built from a tag.
    """

    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _Resolver.__init__(self)

    def next_event(self) -> events.Event | None:
        """Return the next event, or ``None`` at the end of the stream."""
        if not self.check_event():
            return None
        event: events.Event = self.get_event()  # type: ignore[no-untyped-call]
        return event

    def scalar_tag(self, event: events.ScalarEvent) -> str:
        """Return the tag of a scalar, resolving untagged ones by their text."""
        if event.tag == "!":  # the non-specific tag: text, whatever it looks like
            return STR
        if event.tag is not None:
            return event.tag
        tag: str = self.resolve(ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
        return tag


if getattr(yaml, "__with_libyaml__", False):
    from yaml._yaml import CParser

    class _FastYamlEvents(CParser, _Resolver):
        """The same events from libyaml's C parser, about twenty times faster."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            _Resolver.__init__(self)

        next_event = _YamlEvents.next_event
        scalar_tag = _YamlEvents.scalar_tag


def _where(event: events.Event) -> Position:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _read_yaml(text: str, builder: _Builder, loader: _YamlEvents) -> None:
    documents = 0
    try:
        while (event := loader.next_event()) is not None:
            if isinstance(event, events.ScalarEvent):
                builder.scalar(loader.scalar_tag(event), event.value, _where(event), event.anchor)
            elif isinstance(event, events.CollectionStartEvent):
                mapping = isinstance(event, events.MappingStartEvent)
                builder.open(mapping, _where(event), event.tag, event.anchor)
            elif isinstance(event, events.CollectionEndEvent):
                builder.close()
            elif isinstance(event, events.AliasEvent):
                builder.alias(event.anchor or "", _where(event))
            elif isinstance(event, events.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    message = "a second document starts here; a file must hold one"
                    builder.collector.stop("", message, _where(event))
    finally:
        loader.dispose()
    if documents == 0:
        builder.collector.report("", "the document is empty")


def _yaml_syntax_error(err: yaml.MarkedYAMLError, builder: _Builder) -> NoReturn:
    mark = err.problem_mark or err.context_mark
    position = (mark.line + 1, mark.column + 1) if mark is not None else None
    message = err.problem or err.context or "cannot parse"
    if err.problem and err.context and err.context_mark is not None:
        message += (
            f" ({err.context} that starts at line {err.context_mark.line + 1}, "
            f"column {err.context_mark.column + 1})"
        )
    builder.collector.stop(builder.container_pointer, f"YAML syntax error: {message}", position)
