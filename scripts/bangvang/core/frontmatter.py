"""Front matter: the YAML block at the top of a Markdown file, read with line numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_FENCE = "---"


@dataclass
class FrontMatter:
    """The keys of a front matter block, each with the file line it stands on.

    ``values`` holds the constructed values (the text as written where a value
    does not construct); ``lines`` the 1-based file line of each key (and of
    each sub-key of a mapping, as "image.src");
    ``problems`` the (line, message) pairs met while reading;
    ``body_line`` is the file line where the Markdown body starts.
    """

    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[tuple[int, str]] = field(default_factory=list)
    nodes: dict[str, yaml.Node] = field(default_factory=dict)
    present: bool = False
    body_line: int = 1
    body: str = ""

    def line_of(self, key: str) -> int:
        """Return the line of ``key`` ("image.src" for a sub-key), else of its parent, else 1."""
        return self.lines.get(key) or self.lines.get(key.split(".", 1)[0], 1)


def split(text: str) -> tuple[str | None, str, int]:
    """Split a Markdown text into (front matter YAML or None, body, body's first line)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != _FENCE:
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (_FENCE, "..."):
            yaml_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return yaml_text, body, index + 2
    return None, text, 1


def parse(text: str) -> FrontMatter:
    """Read the front matter of a Markdown text, never raising on bad YAML.

    Values are constructed key by key, so one bad value (a date such as
    2020-13-45) is reported at its line while the other keys still read.
    """
    yaml_text, body, body_line = split(text)
    result = FrontMatter(body=body, body_line=body_line)
    if yaml_text is None:
        if text.startswith(_FENCE):
            result.problems.append((1, "phần đầu (front matter) mở bằng '---' nhưng không có dòng '---' đóng lại"))
        return result
    result.present = True
    node, syntax = compose(yaml_text, first_line=2)
    if syntax:
        result.problems.extend((line, f"phần đầu {message}") for line, message in syntax)
        return result
    if node is None:
        return result
    if not isinstance(node, yaml.MappingNode):
        result.problems.append((2, "phần đầu phải là các cặp 'khóa: giá trị'"))
        return result
    read_mapping(node, result, first_line=2)
    return result


def read_mapping(node: yaml.MappingNode, into: FrontMatter, first_line: int) -> FrontMatter:
    """Fill ``into`` with the keys of a YAML mapping node, their values and file lines.

    ``first_line`` is the file line of the YAML text's first line. Values are
    constructed key by key, so one bad value is reported alone.
    """
    constructor = yaml.constructor.SafeConstructor()
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + first_line
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
        if key in into.lines:
            into.problems.append((line, f"khóa '{key}' bị lặp (đã có ở dòng {into.lines[key]})"))
            continue
        into.lines[key] = line
        into.nodes[key] = value_node
        if isinstance(value_node, yaml.MappingNode):
            for sub_node, _ in value_node.value:
                into.lines.setdefault(f"{key}.{sub_node.value}", sub_node.start_mark.line + first_line)
        try:
            into.values[key] = constructor.construct_object(value_node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError):
            # An impossible timestamp such as 2020-13-45: keep the text as
            # written, so the schema reports it with the key's own rule.
            into.values[key] = _raw_text(value_node)
    return into


def _raw_text(node: yaml.Node) -> str:
    """Return a node's source text, for messages about values that did not construct."""
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    return "…"


def compose(text: str, first_line: int = 1) -> tuple[yaml.Node | None, list[tuple[int, str]]]:
    """Parse a whole YAML document into its node tree, reporting a syntax error with its line.

    ``first_line`` is the file line of the text's first line.
    """
    loader = _Loader(text)
    try:
        return loader.get_single_node(), []
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + first_line if exc.problem_mark else first_line
        return None, [(line, f"YAML không đọc được: {exc.problem}")]
    except yaml.reader.ReaderError as exc:
        # A control character: Word's line break pastes as a vertical tab (U+000B).
        line = text.count("\n", 0, max(exc.position, 0)) + first_line
        code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        return None, [(line, f"YAML không đọc được: có ký tự điều khiển {code} (thường do dán từ Word); xóa ký tự đó")]
    except yaml.YAMLError as exc:  # pragma: no cover - any other reader failure still gets a location
        return None, [(first_line, f"YAML không đọc được: {exc}")]
    finally:
        loader.dispose()
