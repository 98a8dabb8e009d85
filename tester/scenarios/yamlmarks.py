"""YAML loading that remembers line numbers, so every validation error can point at its line.

Mappings load as `MarkedDict` and sequences as `MarkedList`; both know their own line and the
line of each key / item. Scalars stay plain Python values (their line is kept by the parent).
Only safe YAML tags are accepted.
"""

from __future__ import annotations

from typing import Any

import yaml


class MarkedDict(dict):
    """A mapping with `line`, `key_lines[key]` and `value_lines[key]` (1-based)."""

    line: int = 1

    def __init__(self) -> None:
        super().__init__()
        self.key_lines: dict[Any, int] = {}
        self.value_lines: dict[Any, int] = {}
        self.duplicates: list[tuple[Any, int]] = []

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)

    def value_line(self, key: Any) -> int:
        return self.value_lines.get(key, self.line_of(key))


class MarkedList(list):
    """A sequence with `line` and `item_lines[i]` (1-based)."""

    line: int = 1

    def __init__(self) -> None:
        super().__init__()
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class MarkedLoader(yaml.SafeLoader):
    """SafeLoader building MarkedDict / MarkedList; duplicate keys are recorded, not dropped."""


def _construct_mapping(loader: MarkedLoader, node: yaml.MappingNode) -> MarkedDict:
    loader.flatten_mapping(node)  # resolves `<<: *anchor` merges
    mapping = MarkedDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            message = "a key must be a plain value, not a list or mapping"
            raise yaml.constructor.ConstructorError(
                None, None, message, key_node.start_mark
            ) from None
        key_line = key_node.start_mark.line + 1
        if key in mapping:
            mapping.duplicates.append((key, key_line))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_line
        mapping.value_lines[key] = value_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: MarkedLoader, node: yaml.SequenceNode) -> MarkedList:
    items = MarkedList()
    items.line = node.start_mark.line + 1
    for child in node.value:
        items.append(loader.construct_object(child, deep=True))
        items.item_lines.append(child.start_mark.line + 1)
    return items


MarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
MarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class YamlSyntaxError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def load_marked(text: str) -> Any:
    """Parse one YAML document; raise YamlSyntaxError(line, message) on bad or multi-doc YAML."""
    try:
        documents = list(yaml.load_all(text, Loader=MarkedLoader))  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context_mark is not None and "end of stream" in problem:
            # An unclosed quote or bracket: point at where it opened, not at the file's end.
            mark = exc.context_mark
            problem = f"{exc.context}: {problem}"
        line = mark.line + 1 if mark is not None else 1
        raise YamlSyntaxError(line, f"YAML syntax: {problem}") from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, f"YAML syntax: {exc}") from exc
    except RecursionError as exc:
        raise YamlSyntaxError(1, "YAML nested too deeply") from exc
    if len(documents) > 1:
        raise YamlSyntaxError(1, "one scenario per file: found several YAML documents (---)")
    return documents[0] if documents else None
