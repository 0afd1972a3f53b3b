"""A spec's ``info.version`` as the project's version: PEP 440, normalised.

``info.version`` is free text ("20160918", "1.0.0-beta.1", "v2", "2023-01-01"); a project's
version must be PEP 440. What PEP 440 reads (its lenient spellings included) is written in its
normal form; anything else becomes ``0.0.0``, with a warning.
"""

from __future__ import annotations

import re

FALLBACK = "0.0.0"

# PEP 440's own pattern (Appendix B), with its lenient spellings.
_PATTERN = re.compile(
    r"""
    v?
    (?:(?P<epoch>[0-9]+)!)?
    (?P<release>[0-9]+(?:\.[0-9]+)*)
    (?P<pre>[-_.]?(?P<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?P<pre_n>[0-9]+)?)?
    (?P<post>(?:-(?P<post_n1>[0-9]+))
        |(?:[-_.]?(?P<post_l>post|rev|r)[-_.]?(?P<post_n2>[0-9]+)?))?
    (?P<dev>[-_.]?(?P<dev_l>dev)[-_.]?(?P<dev_n>[0-9]+)?)?
    (?:\+(?P<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?
    """,
    re.VERBOSE | re.IGNORECASE | re.ASCII,
)
_PRE = {"alpha": "a", "a": "a", "beta": "b", "b": "b", "c": "rc", "pre": "rc"}
_PRE |= {"preview": "rc", "rc": "rc"}


def project_version(text: str) -> str | None:
    """``text`` as a normalised PEP 440 version, or None when PEP 440 cannot read it."""
    found = _PATTERN.fullmatch(text.strip())
    if found is None:
        return None
    parts = []
    if found["epoch"] and int(found["epoch"]):
        parts.append(f"{int(found['epoch'])}!")
    parts.append(".".join(str(int(number)) for number in found["release"].split(".")))
    if found["pre"]:
        parts.append(f"{_PRE[found['pre_l'].lower()]}{int(found['pre_n'] or 0)}")
    if found["post"]:
        parts.append(f".post{int(found['post_n1'] or found['post_n2'] or 0)}")
    if found["dev"]:
        parts.append(f".dev{int(found['dev_n'] or 0)}")
    if found["local"]:
        local = re.split(r"[-_.]", found["local"].lower())
        parts.append("+" + ".".join(str(int(p)) if p.isdigit() else p for p in local))
    return "".join(parts)
