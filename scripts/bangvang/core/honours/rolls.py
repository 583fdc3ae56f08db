"""All honour rolls of a site, read and checked against each other and the rest of the site."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..directives import Registry, number_key
from ..problems import Problem, Severity
from ..text import fold_diacritics
from .addresses import decision_file_problems
from .model import Decision
from .reader import read_decision


@dataclass
class Rolls:
    """Every decision that read cleanly, in file order, and the problems of all of them."""

    decisions: list[Decision] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def entry_count(self) -> int:
        """How many entries the decisions list in all."""
        return sum(len(d.entries) for d in self.decisions)


def load_rolls(folder: Path, root: Path, registry: Registry, published: set[str]) -> Rolls:
    """Read every ``*.yaml`` decision under ``folder``; check numbers, basis and articles.

    ``published`` holds the content paths of published pages, for ``article``.
    """
    rolls = Rolls()
    if not folder.is_dir():
        return rolls
    used_lists: set[Path] = set()
    for path in sorted(folder.rglob("*.yaml")) + sorted(folder.rglob("*.yml")):
        decision, problems = read_decision(path, root, registry, published)
        rolls.problems.extend(problems)
        if decision is not None:
            rolls.decisions.append(decision)
            used_lists.add((root / decision.list_path).resolve())
    rolls.problems.extend(_check_numbers(rolls.decisions))
    rolls.problems.extend(decision_file_problems(rolls.decisions))
    for path in sorted(folder.rglob("*.csv")):
        if path.resolve() not in used_lists and not _named_by_failed(path, rolls.problems, root):
            rel = path.relative_to(root).as_posix()
            message = "tệp danh sách không thuộc quyết định nào (không có tệp .yaml nào ghi 'entries_csv' tới nó)"
            rolls.problems.append(Problem(rel, 1, message, Severity.WARNING))
    return rolls


def _named_by_failed(path: Path, problems: list[Problem], root: Path) -> bool:
    """Tell whether a CSV belongs to a decision that failed (its problems already say so)."""
    rel = path.relative_to(root).as_posix()
    return any(p.path == rel for p in problems)


def _check_numbers(decisions: list[Decision]) -> list[Problem]:
    # The same number signed by two bodies is two decisions; by the same body, a duplicate.
    holders: dict[tuple[str, str], list[Decision]] = defaultdict(list)
    for decision in decisions:
        for number in dict.fromkeys((decision.number, *decision.aliases)):
            holders[(number_key(number), fold_diacritics(decision.issuer.name).lower())].append(decision)
    problems = []
    for same in holders.values():
        if len({d.path for d in same}) < 2:
            continue
        for decision in same:
            others = ", ".join(o.path for o in same if o is not decision)
            problems.append(
                Problem(
                    decision.path,
                    decision.lines.get("number", 1),
                    f"số quyết định trùng với {others} (cùng cơ quan ban hành)",
                )
            )
    return problems
