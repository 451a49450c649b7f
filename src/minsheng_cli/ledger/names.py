"""Names as people write them: the one resolver for projects, targets, units and counties.

Every command (show, update, log, list, report, template, import) finds what a user named here,
by one rule: an exact name (a project's number, a target's id, a unit's or county's full name)
or a listed abbreviation (settings.abbreviations: 卫健委, 经开区, …) wins; else a part of a name
that belongs to exactly one candidate; a part shared by several is ambiguous and the error lists
them; nothing at all gives "您是否要找：…" from the closest names (difflib).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Iterable, Optional, Sequence, TypeVar

from minsheng_cli.errors import InputError
from minsheng_cli.words import names as W

Thing = TypeVar("Thing")
SUGGESTIONS = 3
CUTOFF = 0.5  # at least half of what was typed appears, in order, in the name: 仁城 → 任城区, 卫建委 → 市卫生健康委


@dataclass(frozen=True)
class Candidate(Generic[Thing]):
    """A thing a typed name may mean, with the names that name it."""

    thing: Thing
    label: str  # how an error lists it
    exact: tuple[str, ...]  # what names it exactly (id, full name, abbreviations)
    names: tuple[str, ...]  # whose parts name it


class NameProblem(InputError):
    """A name that names nothing, or several things: the message says which, or what was meant."""


def find(key: str, candidates: Sequence[Candidate[Thing]]) -> list[Candidate[Thing]]:
    """The candidates `key` names: one exact, else those with `key` as part of a name."""
    wanted = key.strip()
    if not wanted:
        return []
    exact = [c for c in candidates if wanted in c.exact]
    if exact:
        return exact[:1]
    return [c for c in candidates if any(wanted in name for name in c.names)]


def resolve(key: str, candidates: Sequence[Candidate[Thing]], what: str, not_found: Optional[str] = None) -> Thing:
    """The one thing `key` names, or NameProblem: ambiguous (listing them) or unknown (with the
    closest names; `not_found` replaces the default first sentence)."""
    found = find(key, candidates)
    if len(found) == 1:
        return found[0].thing
    if found:
        raise NameProblem(W.AMBIGUOUS.format(key=key.strip(), what=what, choices=W.CHOICE_SEP.join(c.label for c in found)))
    first = not_found or W.NOT_FOUND.format(key=key, what=what)
    near = suggestion(key, candidates)
    raise NameProblem(_sentence(first) + near if near else first)


def suggestion(key: str, candidates: Sequence[Candidate]) -> str:
    """ 您是否要找：A、B？ — the closest candidates, or nothing when none is close."""
    wanted = key.strip()
    scored: dict[str, tuple[float, float]] = {}
    for candidate in candidates:
        for name in (*candidate.exact, *candidate.names):
            score = closeness(wanted, name)
            if score[0] >= CUTOFF and score > scored.get(candidate.label, (0.0, 0.0)):
                scored[candidate.label] = score
    labels = sorted(scored, key=lambda label: scored[label], reverse=True)[:SUGGESTIONS]
    return W.SUGGEST.format(choices=W.CHOICE_SEP.join(labels)) if labels else ""


def closeness(wanted: str, name: str) -> tuple[float, float]:
    """(how much of `wanted` appears in `name` in order, difflib's ratio of the two): 托育工程x
    is close to 大力度实施婴幼儿托育“扩容提质”工程 though the ratio of the whole names is low."""
    import difflib

    if not wanted:
        return (0.0, 0.0)
    matcher = difflib.SequenceMatcher(None, wanted, name, autojunk=False)
    shared = sum(block.size for block in matcher.get_matching_blocks())
    return (shared / len(wanted), matcher.ratio())


def _sentence(text: str) -> str:
    return text if text.endswith(("。", "？", "！", "）")) else text + "。"


# --- what a plan holds --------------------------------------------------------------------------
def abbreviations(plan) -> dict[str, str]:
    listed = plan.settings.abbreviations
    return dict(W.DEFAULT_ABBREVIATIONS if listed is None else listed)


def _shorts(plan, full_names: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Full name → its abbreviations that the plan's settings list."""
    shorts: dict[str, list[str]] = {name: [] for name in full_names}
    for short, full in abbreviations(plan).items():
        if full in shorts:
            shorts[full].append(short)
    return {name: tuple(found) for name, found in shorts.items()}


def project_candidates(plan) -> list[Candidate]:
    return [Candidate(p, W.PROJECT_CHOICE.format(id=p.id, name=p.name), (str(p.id), p.name), (p.name,)) for p in plan.projects]


def project(plan, key) -> "Project":  # noqa: F821 - ledger.model.Project
    """A project by number, name, or a part of its name."""
    from minsheng_cli.words import ledger as ledger_words

    text = str(key).strip()
    found = plan.find_project(text)  # the fast path: a number or the full name
    if found is not None:
        return found
    if text.isascii() and text.isdigit():
        raise NameProblem(ledger_words.UNKNOWN_PROJECT.format(key=key, count=len(plan.projects)))
    return resolve(text, project_candidates(plan), W.WHAT_PROJECT,
                   ledger_words.UNKNOWN_PROJECT.format(key=key, count=len(plan.projects)))


def project_or_none(plan, key) -> Optional["Project"]:  # noqa: F821
    """The project `key` names, None when it names none or several (the caller says why later)."""
    try:
        return project(plan, key)
    except NameProblem:
        return None


def target_candidates(project) -> list[Candidate]:
    return [Candidate(t, W.TARGET_CHOICE.format(id=t.id, name=t.name), (t.id, t.name), (t.name,)) for t in project.targets]


def target(project, key: str, not_found: Optional[str] = None) -> "Target":  # noqa: F821
    """A project's target by id, name, or a part of its name."""
    found = project.find_target(str(key).strip())
    if found is not None:
        return found
    return resolve(str(key), target_candidates(project), W.WHAT_TARGET, not_found)


def target_or_none(project, key: str) -> Optional["Target"]:  # noqa: F821
    try:
        return target(project, key)
    except NameProblem:
        return None


def unit_names(plan, lead_only: bool = False) -> list[str]:
    """Every lead unit (then, unless `lead_only`, every co-unit), in the order they first appear."""
    names: dict[str, None] = {}
    for p in plan.projects:
        names.update(dict.fromkeys(p.lead))
    if not lead_only:
        for p in plan.projects:
            names.update(dict.fromkeys(p.co))
    return list(names)


def unit(plan, key: str, lead_only: bool = False, not_found: Optional[str] = None) -> str:
    """A unit's full name, from its full name, a listed abbreviation or a part of its name."""
    names = unit_names(plan, lead_only)
    shorts = _shorts(plan, names)
    candidates = [Candidate(name, name, (name, *shorts[name]), (name,)) for name in names]
    return resolve(key, candidates, W.WHAT_UNIT, not_found)


def county_candidates(plan, among: Optional[Sequence[str]] = None) -> list[Candidate]:
    names = list(among) if among is not None else plan.county_names
    shorts = _shorts(plan, names)
    return [Candidate(name, name, (name, *shorts[name]), (name,)) for name in names]


def county(plan, key: str, not_found: Optional[str] = None) -> str:
    """A county's full name: 任城区 from 任城区 or 任城, 济宁经济技术开发区 from 经开区."""
    if key.strip() in plan.county_names:
        return key.strip()
    return resolve(key, county_candidates(plan), W.WHAT_COUNTY, not_found)


def county_or_none(plan, key: Optional[str]) -> Optional[str]:
    if not key or not key.strip():
        return None
    try:
        return county(plan, key)
    except NameProblem:
        return None
