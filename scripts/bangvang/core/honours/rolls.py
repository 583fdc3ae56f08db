"""All honour rolls of a site, read and checked against each other and the rest of the site."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..directives import Registry, number_key
from ..problems import Problem, Severity, cap_per_file
from ..settings import SiteSettings
from ..text import fold_diacritics
from ..units.matching import shared_matcher
from .addresses import decision_file_problems
from .entries import SharedValues
from .model import Decision
from .places_check import place_problems
from .reader import DecisionRead, ListsMemo, file_stamp, inside, outside_message, read_decision_file
from .reading import read_files
from .selection import select_provinces


@dataclass
class Rolls:
    """Every decision that read cleanly, in file order, and the problems of all of them."""

    decisions: list[Decision] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    left_out: tuple[int, int] = (0, 0)
    """With a choice of provinces: the decisions and the entries of other provinces, not published."""

    @property
    def entry_count(self) -> int:
        """How many entries the decisions list in all."""
        return sum(len(d.entries) for d in self.decisions)


@dataclass
class RollsMemo:
    """Each decision file's reading, kept by a caller that reads the rolls again (``mkdocs serve``).

    A file whose size and modification time (and its list's) did not change,
    read against the same directives, pages and settings, is not read again.
    """

    registry: Registry | None = None
    published: frozenset[str] = frozenset()
    settings: str = ""
    reads: dict[Path, tuple[tuple[int, ...], DecisionRead]] = field(default_factory=dict)
    lists: ListsMemo = field(default_factory=dict)
    """Each list file's reading: a decision whose YAML changed reads its list again only if the list changed."""

    def start(self, registry: Registry, published: set[str], settings: SiteSettings | None) -> None:
        """Begin a reading; forget every file's if what they are checked against changed."""
        if registry is not self.registry or published != self.published or repr(settings) != self.settings:
            self.registry, self.published, self.settings = registry, frozenset(published), repr(settings)
            self.reads.clear()
            self.lists.clear()

    def kept(self, path: Path) -> DecisionRead | None:
        """Return the file's earlier reading if neither it nor its list changed since."""
        found = self.reads.get(path)
        if found is None or found[0] != _stamp(path, found[1].claimed):
            return None
        return found[1]

    def keep(self, path: Path, read: DecisionRead) -> None:
        self.reads[path] = (_stamp(path, read.claimed), read)


def _stamp(path: Path, listed: Path | None) -> tuple[int, ...]:
    """The size and modification time of a decision file and of the list it names (-1 if gone)."""
    stamp: list[int] = []
    for each in (path, listed):
        found = file_stamp(each) if each is not None else None
        stamp.extend(found or (-1, -1))
    return tuple(stamp)


def load_rolls(
    folder: Path,
    root: Path,
    registry: Registry,
    published: set[str],
    *,
    settings: SiteSettings | None = None,
    processes: int = 1,
    memo: RollsMemo | None = None,
) -> Rolls:
    """Read every ``*.yaml`` decision under ``folder``; check numbers, basis, articles and places.

    ``published`` holds the content paths of published pages, for ``article``;
    ``settings``, when given, names the content folders in messages as the site configures them;
    ``processes`` ≥ 2 lets a forked worker read part of large rolls (:mod:`.reading`);
    ``memo`` keeps each file's reading for the next call (:class:`RollsMemo`).
    """
    rolls = Rolls()
    if not folder.is_dir():
        return rolls
    if not inside(folder, root):
        rolls.problems.append(Problem(folder.relative_to(root).as_posix(), 1, outside_message()))
        return rolls
    claimed: set[Path] = set()
    shared = SharedValues()  # what rows repeat, held once across the lists
    paths = sorted(folder.rglob("*.yaml")) + sorted(folder.rglob("*.yml"))
    kept_lists = memo.lists if memo is not None and processes < 2 else None  # a forked reader's would be lost
    read = partial(_read, root=root, registry=registry, published=published, settings=settings, lists=kept_lists)
    memo = memo or RollsMemo()
    memo.start(registry, published, settings)
    kept = {path: found for path in paths if (found := memo.kept(path)) is not None}
    fresh = [path for path in paths if path not in kept]
    for path, found in zip(fresh, read_files(fresh, read, shared, processes), strict=True):
        memo.keep(path, found)
        kept[path] = found
    for found in (kept[path] for path in paths):
        rolls.problems.extend(found.problems)
        if found.claimed is not None:
            claimed.add(found.claimed.absolute())
        if found.decision is not None:
            rolls.decisions.append(found.decision)
            claimed.add((root / found.decision.list_path).absolute())
    rolls.problems.extend(_check_numbers(rolls.decisions))
    rolls.problems.extend(decision_file_problems(rolls.decisions))
    if rolls.decisions:  # the unit list is read only for a site with rolls
        rolls.problems.extend(place_problems(rolls.decisions, shared_matcher()))
    if rolls.decisions and settings is not None and settings.provinces:
        chosen = select_provinces(rolls.decisions, settings.provinces, shared_matcher())
        rolls.decisions = chosen.decisions
        rolls.problems.extend(chosen.problems)
        rolls.left_out = (chosen.left_out_decisions, chosen.left_out_entries)
    for path in sorted(folder.rglob("*.csv")):
        rel = path.relative_to(root).as_posix()
        if not inside(path, root):
            if path.absolute() not in claimed:
                rolls.problems.append(Problem(rel, 1, outside_message()))
        elif path.absolute() not in claimed:
            message = "tệp danh sách không thuộc quyết định nào (không có tệp .yaml nào ghi 'entries_csv' tới nó)"
            rolls.problems.append(Problem(rel, 1, message, Severity.WARNING))
    for path in sorted(folder.rglob("*")):
        # Any other link out of the repository (a folder, an image): never followed, always said.
        if path.is_symlink() and path.suffix not in (".yaml", ".yml", ".csv") and not inside(path, root):
            rolls.problems.append(Problem(path.relative_to(root).as_posix(), 1, outside_message()))
    # One bound for check and build alike: the first problems of each file, and a count of the rest.
    rolls.problems = cap_per_file(rolls.problems)
    return rolls


def _read(
    path: Path,
    shared: SharedValues,
    *,
    root: Path,
    registry: Registry,
    published: set[str],
    settings: SiteSettings | None,
    lists: ListsMemo | None = None,
) -> DecisionRead:
    return read_decision_file(path, root, registry, published, settings=settings, shared=shared, lists=lists)


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
