"""Hostile spec strings cannot become code: every sink keeps them as data.

The strings go through descriptions, titles, enum values, property names, schema names,
defaults, patterns and the spec's file name. The output must parse, import without side
effects (an audit hook refuses processes, sockets and file writes), and give the strings back.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

from generator import generate
from generator.naming import snake_case
from generator.output.write import write_tree

HOSTILE = [
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "line\nbreak",
    "windows\r\nbreak",
    "unicode\u2028line\u2029separators\x85",
    "{{ jinja }} {% if x %}{% endif %} {# c #}",
    '"""; import os; os.system("x") #',
    "'''; import os; os.system('x') #",
    '\\"""; import os #',
    'ends with a quote"',
    "ends with a backslash\\",
    "nul\x00byte",
    "lone \ud83d surrogate",
    "# comment\nimport os",
    "\t tab and trailing space ",
    "x coding:utf-7 +ACIAIgAi-",
]


def _spec() -> dict[str, object]:
    evil_props = {
        f"p{i}{text}": {"type": "string", "description": text} for i, text in enumerate(HOSTILE)
    }
    schemas: dict[str, object] = {
        "Hostile": {
            "description": "\n".join(HOSTILE),
            "type": "object",
            "properties": {
                **evil_props,
                "withDefault": {"type": "string", "default": HOSTILE[9]},
                "withPattern": {"type": "string", "pattern": HOSTILE[10]},
                "level": {
                    "type": "string",
                    "enum": HOSTILE,
                    "x-enum-varnames": [f"member {i}{t}" for i, t in enumerate(HOSTILE)],
                },
            },
        },
    }
    for i, text in enumerate(HOSTILE[:6]):
        schemas[f"Schema{chr(65 + i)}{text}"] = {"type": "object", "description": text}
    return {
        "openapi": "3.0.3",
        "info": {"title": HOSTILE[-1], "version": HOSTILE[10], "description": HOSTILE[11]},
        "servers": [{"url": "https://example.com/" + HOSTILE[9]}],
        "paths": {HOSTILE_PATH: {"post": _operation()}},
        "components": {"schemas": schemas},
    }


HOSTILE_PATH = '/items/{p}/"""; import os #'


def _operation() -> dict[str, object]:
    """An operation whose id, path, parameters, descriptions and headers are all hostile."""
    string = {"type": "string"}
    headers = {f"h{i}{t}": {"description": t, "schema": string} for i, t in enumerate(HOSTILE)}
    return {
        "operationId": HOSTILE[10],
        "summary": HOSTILE[2],
        "description": "\n".join(HOSTILE),
        "parameters": [
            {"name": "p", "in": "path", "required": True, "schema": string, "description": "x"},
            *(
                {"name": f"q{i}{t}", "in": "query", "schema": string, "description": t}
                for i, t in enumerate(HOSTILE)
            ),
            {"name": "x-evil" + HOSTILE[9].replace("\n", ""), "in": "header", "schema": string},
        ],
        "requestBody": {
            "description": HOSTILE[11],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Hostile"}}},
        },
        "responses": {
            "200": {"description": HOSTILE[9], "headers": headers},
            "4XX": {"description": HOSTILE[3]},
        },
        "callbacks": {HOSTILE[2]: {HOSTILE[9]: {"post": _callback()}}},
    }


def _callback() -> dict[str, object]:
    """A callback whose key, URL expression, descriptions and inline body are hostile."""
    properties = {f"c{i}{t}": {"type": "string", "description": t} for i, t in enumerate(HOSTILE)}
    return {
        "summary": HOSTILE[3],
        "description": "\n".join(HOSTILE),
        "requestBody": {
            "description": HOSTILE[11],
            "content": {
                "application/json": {"schema": {"type": "object", "properties": properties}}
            },
        },
        "responses": {"200": {"description": HOSTILE[4]}},
    }


_AUDIT = """
import json, os, sys
sys.dont_write_bytecode = True
BLOCKED = ("os.system", "subprocess.Popen", "os.exec", "os.posix_spawn", "os.spawn",
           "socket.connect", "os.remove", "os.rename", "shutil.rmtree", "os.fork")
WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND
def writes(args):
    mode, flags = args[1], args[2]
    text_write = any(c in str(mode or "") for c in "wax+")
    return text_write or bool(isinstance(flags, int) and flags & WRITE)
def hook(event, args):
    if event.startswith(BLOCKED) or (event == "open" and writes(args)):
        raise RuntimeError("side effect during import: " + event)
sys.addaudithook(hook)
sys.path.insert(0, sys.argv[1])
from evil import models, validators
from evil.client import Client, _operations
from evil import webhooks as hooks
import inspect
def callback_of():
    (parse,) = [getattr(hooks, name) for name in hooks.__all__]
    body = {f"c{i}": "v" for i in range(3)}
    try:
        parse("{")
    except ValueError as error:
        failure = str(error).splitlines()[0]
    return {"wire": list(parse(body).to_dict()), "failure": failure, "doc": parse.__doc__}
def request_of():
    (group,) = [getattr(_operations, name) for name in _operations.__all__]
    prepare = next(getattr(group, n) for n in dir(group) if n.startswith("_prepare_"))
    arguments = inspect.signature(prepare).parameters.values()
    keywords = {p.name: "v" for p in arguments if p.kind == p.KEYWORD_ONLY}
    request = prepare("a/b", {"level": list(level)[3].value}, **keywords)
    query = [k for k, _ in request.params]
    import httpx
    seen = []
    def answer(sent):
        seen.append(sent)
        return httpx.Response(200, json={})
    http = httpx.Client(transport=httpx.MockTransport(answer))
    client = Client("http://example.com", http_client=http)
    method = getattr(client, prepare.__name__[len("_prepare_"):])
    # A name with a lone surrogate cannot be sent (UTF-8 has no bytes for it): left out here.
    sendable = {k: None if k.startswith("q15") else v for k, v in keywords.items()}
    result = method("a/b", {"level": list(level)[3].value}, **sendable)
    return {
        "path": request.path,
        "query": query,
        "headers": list(request.headers),
        "sent": [
            seen[0].url.raw_path.decode(),
            seen[0].headers["x-evil" + json.loads(sys.argv[3])],
        ],
        "status": result.status_code,
    }
level = models.HostileLevel
sample = {key: "v" for key in json.loads(sys.argv[2])}
print(json.dumps({
    "enum": [m.value for m in level],
    "wire": list(models.Hostile.from_dict(sample).to_dict()),
    "doc": models.Hostile.__doc__,
    "version": __import__("evil").__version__,
    "errors": [[e.pointer, e.keyword] for e in validators.validate_hostile({**sample, "level": 1})],
    "valid": validators.validate_hostile({"level": list(level)[3].value}),
    "request": request_of(),
    "callback": callback_of(),
}))
"""


def test_hostile_strings_stay_data(tmp_path: Path) -> None:
    spec = tmp_path / 'evil\nname""".json'
    spec.write_text(json.dumps(_spec()), encoding="utf-8")
    files = generate(spec, "evil", display=spec.name)
    write_tree(tmp_path / "out", files)

    for path, text in files.items():
        if path.suffix == ".json":  # fixtures: data, under a folder named safely
            assert path.parts[:2] == ("evil", "fixtures") and ".." not in path.parts, path
            assert all(part.isascii() and "/" not in part for part in path.parts), path
            json.loads(text)
            continue
        if path.suffix == ".py":
            tree = ast.parse(text)
            _assert_no_injected_code(tree, str(path))
        lines = text.splitlines()
        if path.suffix == ".md":  # the reference: spec text is Markdown there, never code
            assert lines[0].startswith("<!-- @generated by generator: do not edit."), path
            # Outside code spans, a description cannot open or close an HTML comment.
            prose = re.sub(r"(`+).*?\1", "", text[len(lines[0]) :])
            assert "<!--" not in prose and "-->" not in prose, path
            continue
        assert lines[0] == "# @generated by generator: do not edit."
        assert not any(_PEP263.match(line) for line in lines[:2]), f"{path} declares an encoding"
        assert lines[2].startswith('# Spec: evil name""".json (x coding :utf-7 +ACIAIgAi-')

    wire_names = [*[f"p{i}{t}" for i, t in enumerate(HOSTILE)], "withDefault", "withPattern"]
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _AUDIT,
            str(tmp_path / "out"),
            json.dumps(wire_names),
            json.dumps(HOSTILE[9]),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["enum"] == HOSTILE
    assert seen["wire"] == wire_names
    assert seen["version"] == HOSTILE[10]
    assert ["/level", "type"] in seen["errors"]
    assert seen["valid"] == []
    seen_path = "/items/a%2Fb/%22%22%22;%20import%20os%20%23?" + urlencode(
        [(f"q{i}{t}", "v") for i, t in enumerate(HOSTILE) if i != 15]
    )
    assert seen["request"] == {
        "path": "/items/a%2Fb/%22%22%22;%20import%20os%20%23",
        "query": [f"q{i}{t}" for i, t in enumerate(HOSTILE)],
        "headers": ["content-type", "x-evil" + HOSTILE[9]],
        "sent": [seen_path, "v"],
        "status": 200,
    }
    assert _words(seen["doc"]) == _words("\n".join(HOSTILE))
    callback = seen["callback"]
    assert callback["wire"] == ["c0", "c1", "c2"]
    assert callback["failure"] == f"1 problem with the {HOSTILE[10]} {HOSTILE[2]} callback:"
    assert _words("\n".join(HOSTILE)) in _words(callback["doc"])
    assert _words(HOSTILE[9]) in _words(callback["doc"])

    source = files[next(p for p in files if p.name == "hostile.py")]
    docs = _attribute_docstrings(ast.parse(source))
    for i, text in enumerate(HOSTILE):
        assert _words(docs[snake_case(f"p{i}{text}")]) == _words(text)
    assert _words(json.dumps(HOSTILE[9], ensure_ascii=False)) in _words(docs["with_default"])
    assert _words(HOSTILE[10]) in _words(docs["with_pattern"])


_PEP263 = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")


def _assert_no_injected_code(tree: ast.AST, where: str) -> None:
    allowed_modules = {"__future__", "collections.abc", "dataclasses", "datetime", "typing", "enum"}
    allowed_modules |= {"base64", "decimal", "functools", "importlib", "pathlib", "hypothesis"}
    allowed_modules |= {"email.utils", "http", "types", "urllib.parse", "typing_extensions"}
    allowed_modules |= {"contextlib", "contextvars", "httpcore"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
            allowed = {
                "re",
                "binascii",
                "difflib",
                "ipaddress",
                "json",
                "pytest",
                "httpx",
                "time",
                "uuid",
            }
            allowed |= {"anyio", "math", "random", "secrets", "sys", "zlib"}
            allowed |= {"httpcore", "ssl"}
            assert len(names) == 1 and names[0] in allowed, f"{where}: unexpected import"
        if isinstance(node, ast.ImportFrom) and node.level == 0:
            assert node.module in allowed_modules, f"{where}: unexpected {ast.unparse(node)}"
        if isinstance(node, ast.Attribute) and node.attr == "system":
            raise AssertionError(f"{where}: injected call {ast.unparse(node)}")


def _attribute_docstrings(tree: ast.Module) -> dict[str, str]:
    docs: dict[str, str] = {}
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        body = cls.body
        for current, following in zip(body, body[1:], strict=False):
            if (
                isinstance(current, ast.AnnAssign)
                and isinstance(current.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
            ):
                docs[current.target.id] = following.value.value
    return docs


def _words(text: str) -> str:
    """Docstrings are re-wrapped and show a lone surrogate as its escape; compare the rest."""
    text = "".join(f"\\u{ord(c):04x}" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    return " ".join(text.split())
