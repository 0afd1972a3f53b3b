"""Problems are values with a location, gathered by every stage and reported together."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with a spec: where it is and what is wrong.

    An error is a spec that cannot become correct code; a warning is one the generator had to
    read in a way the spec did not quite say, or a part of it that changes no generated code.
    """

    file: str
    line: int | None
    pointer: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        label = "warning: " if self.severity == "warning" else ""
        return f"{where}: {self.pointer or '/'}: {label}{self.message}"

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"


def split_severity(problems: Iterable[Problem]) -> tuple[list[Problem], list[Problem]]:
    """``problems`` as (errors, warnings)."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for problem in problems:
        (warnings if problem.is_warning else errors).append(problem)
    return errors, warnings


class GenerationError(Exception):
    """Raised by a stage with every problem it found, never just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sort_problems(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def sort_problems(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """Without repeats, in the order of the file: the order a reader fixes them in."""
    return tuple(sorted(set(problems), key=_sort_key))


def _sort_key(problem: Problem) -> tuple[str, int, str, str, str]:
    return (problem.file, problem.line or 0, problem.pointer, problem.message, problem.severity)


def escape_pointer_token(token: str | int) -> str:
    """One JSON pointer reference token (RFC 6901)."""
    text = token if type(token) is str else str(token)
    if "~" in text or "/" in text:  # rarely: most tokens are returned as they are
        return text.replace("~", "~0").replace("/", "~1")
    return text


def unescape_pointer_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(pointer: str, *tokens: str | int) -> str:
    if len(tokens) == 1:  # the usual call, once per node of a walk over a multi-MB spec
        return f"{pointer}/{escape_pointer_token(tokens[0])}"
    return "/".join([pointer, *map(escape_pointer_token, tokens)])
