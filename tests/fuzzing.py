"""Mutation fuzzing of a real journeys project: the inputs (cases) and the pipeline they go through.

A :class:`Case` names one file of the fuzz project (an example map or persona, mkdocs.yml
or the project's theme.yaml) and up to three :class:`Mutation` s of its bytes. A case is
plain data whose ``repr`` replays it exactly (``python tests/fuzzing.py "Case(...)"``), so
a failure found by a long run reproduces without Hypothesis.

:class:`Harness` writes a case into the project (a git repository committed once) and
drives it through every stage: settings, theme, load and validation, rendering, site
generation, optionally a real ``mkdocs build``, and ``journeys diff`` against the commit.
A stage may only return its result or issues; any other exception is a :class:`Crash`.
"""

from __future__ import annotations

import math
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_THEME = REPO_ROOT / "generator" / "journeys" / "themes" / "default" / "theme.yaml"
#: The project theme: the packaged default copied to themes/fuzz/theme.yaml (an override of every key).
THEME_TARGET = "themes/fuzz/theme.yaml"
CONFIG_TARGET = "mkdocs.yml"
#: A case that costs more CPU time than this (its own and git's, in all stages but the
#: optional mkdocs build) fails the run. CPU time, so six jobs sharing two cores do not
#: make a 0.3 s case look slow.
SLOW_SECONDS = 2.0
#: A case still running after this long (wall clock) is stopped and recorded as a crash.
HANG_SECONDS = 5.0

# --- payloads ---------------------------------------------------------------------------
# Each payload is a function of one argument (a length, depth or variant index) so a case's
# description stays short: Mutation(kind='value', payload='hex-int', arg=4000).

NONFINITE = (".nan", ".NaN", ".NAN", ".inf", "-.inf", "+.Inf", ".INF")
FLOAT_EDGES = ("1e-400", "4.9e-324", "1.7976931348623157e308", "-0.0", "0.", ".5", "1_0.5", "190:20:30.15", "1e",
               "0x1p3")  # fmt: skip
TAGS = (
    "!!python/object:os.system {}", '!!python/object/apply:os.system ["true"]', "!!python/name:os.system",
    "!!python/tuple [1, 2]", "!!binary aGVsbG8=", "!!binary '###'", "!ENV HOME", "!ENV [NO_SUCH_VAR, fallback]",
    "!relative x", "!!timestamp 2024-02-30", "!!set {a, b}", "!!omap [a: 1]", "!!pairs [a: 1]", "!!str",
    "!!null x", "!!bool maybe", "!!int abc", "!!float x", "!!map [1]", "!!seq {a: 1}", "!custom value",
    "!<tag:yaml.org,2002:int> 12", "!<!> x", "!!merge x", "!!value x", "!!yaml x",
)  # fmt: skip
DATES = ("2024-02-30", "2024-13-01", "0000-01-01", "9999-12-31T23:59:60Z", "2001-12-14t21:59:43.10-05:00",
         "2024-02-30 25:61:61", "2024-1-1")  # fmt: skip
SCALARS = ("", "~", "null", "yes", "no", "on", "off", "y", "n", "True", "=", "<<", "[]", "{}", '""', "''", "|",
           ">-", "|9", "*", "&", "!", "%", "@x", "`x`", "? x", "- x", ": x", "-", "#", "'", '"', "[", "{",
           "]", "}", "---", "...", "a: b: c", "[a, b]: c", "{a: 1, a: 2}", "[*a]")  # fmt: skip
MERGES = ("{<<: {name: Merged}}", "{<<: [{a: 1}, {b: 2}], c: 3}", "{<<: 5}", "{<<: *undefined}", "{<<: [1, 2]}",
          "{<<: {<<: {name: x}}}", "[&m {name: M}, {<<: *m}]", "{<<: !!python/object:os.system {}}")  # fmt: skip
UNICODE = ("\u202e\u2066evil", "\u200b" * 50, "e\u0301" * 500, "\U0001f469\u200d\U0001f469\u200d\U0001f467",
           '"\\ud800"', "\u2028\u2029", "\ufeff", "\uffff\ufffe", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
           "\u4e2d\u6587" * 300, "\U0010ffff", '"\\U00110000"', '"\\x00\\x1b\\x07"', '"\\N\\L\\P\\_"')  # fmt: skip
MARKUP = ("<script>alert(1)</script>", "javascript:alert(1)", "[x](javascript:alert(1))", "{{ 7*7 }}",
          "{% raw %}", "<!--journeys:defer x", "<![CDATA[x]]>", "&amp;&#0;&#xD800;",
          "https://evil.example/login @admin", "| a | b |\n|---|---|", "# heading")  # fmt: skip
PATHS = ("../outside", "/etc", ".", "", "maps/../..", "C:\\x", "~", "/", "..", "maps/", "a" * 300, "nul\x00")
RAW_BYTES = (b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\xef\xbb\xbf",
             b"\xff\xfe", b"\r", b"\t", b"\x85", "\u2028".encode(), b"\x1b", b"\x7f", b"\x01", b"\x0c")  # fmt: skip
BOMS = (b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00")
#: Levels of a nine-wide alias bomb: 9**8 (43 million) values is refused by a bounded reader at
#: once and costs an unbounded one seconds and about a gigabyte, enough to be found, not to kill the machine.
BOMB_LEVELS = (1, 2, 3, 5, 6, 7, 8)


def _bomb(levels: int, width: int = 9) -> str:
    parts = ["&a0 [" + ", ".join(["lol"] * width) + "]"]
    parts += [f"&a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "[" + ", ".join(parts) + "]"


def _nested_block(depth: int) -> str:
    # Starts deeper than any key in the examples, so it nests under the key it replaces.
    return "\n" + "\n".join(" " * (16 + i) + "a:" for i in range(depth)) + "\n" + " " * (16 + depth) + "1"


@dataclass(frozen=True)
class Payload:
    make: Callable[[int], str | bytes]
    args: tuple[int, ...]


def _variants(values: tuple[Any, ...]) -> Payload:
    return Payload(lambda n: values[n % len(values)], tuple(range(len(values))))


LENGTHS = (1, 20, 400, 4000, 4300, 4301, 5000)
DEPTHS = (10, 63, 64, 65, 200, 1000, 3000)
PAYLOADS: dict[str, Payload] = {
    "dec-int": Payload(lambda n: "9" * n, LENGTHS),
    "neg-int": Payload(lambda n: "-" + "9" * n, LENGTHS),
    "hex-int": Payload(lambda n: "0x" + "f" * n, LENGTHS),
    "oct-int": Payload(lambda n: "0o" + "7" * n, LENGTHS),
    "bin-int": Payload(lambda n: "0b" + "1" * n, LENGTHS),
    "yaml11-int": Payload(lambda n: "0" + "7" * n, LENGTHS),
    "underscore-int": Payload(lambda n: "1" + "_000" * n, LENGTHS),
    "sexagesimal": Payload(lambda n: "1" + ":59" * n, LENGTHS),
    "tagged-int": Payload(lambda n: "!!int " + "9" * n, LENGTHS),
    "long-float": Payload(lambda n: "1" + "0" * n + ".5", LENGTHS),
    "exp-float": Payload(lambda n: f"1e{n}", (300, 308, 309, 400, 4000)),
    "neg-exp-float": Payload(lambda n: f"-1e{n}", (300, 309, 400)),
    "tagged-float": Payload(lambda n: "!!float 1" + "0" * n, (10, 308, 309, 400, 4000)),
    "nonfinite": _variants(NONFINITE),
    "float-edge": _variants(FLOAT_EDGES),
    "tag": _variants(TAGS),
    "date": _variants(DATES),
    "scalar": _variants(SCALARS),
    "merge": _variants(MERGES),
    "unicode": _variants(UNICODE),
    "markup": _variants(MARKUP),
    "path": _variants(PATHS),
    "raw-bytes": _variants(RAW_BYTES),
    "nest-seq": Payload(lambda n: "[" * n + "]" * n, DEPTHS),
    "nest-map": Payload(lambda n: "{a: " * n + "1" + "}" * n, DEPTHS),
    "nest-block": Payload(_nested_block, (10, 63, 64, 65, 200, 400)),
    "alias-bomb": Payload(_bomb, BOMB_LEVELS),
    "alias-bomb-map": Payload(lambda n: "{1: " + _bomb(n) + "}", BOMB_LEVELS),
    "alias": _variants(("&r [*r]", "*undefined", "&a x", "&a [1, *a]", "[&a 1, *a, *a]", "{&k key: 1, *k : 2}")),
    "long-text": Payload(lambda n: "x" * n, (1000, 50_000, 300_000)),
    "long-words": Payload(lambda n: "word " * n, (1000, 50_000)),
}

# --- mutations --------------------------------------------------------------------------

#: A ``key: value`` line (also after ``- ``): the slots that structured mutations replace.
_KEY_LINE = re.compile(rb"^(?P<indent>[ ]*(?:- +)*)(?P<key>[A-Za-z_<][\w<-]*):(?P<value>(?:[ \t].*)?)$")


def _as_bytes(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")


@dataclass(frozen=True)
class Mutation:
    """One change to a file's bytes.

    ``at`` picks a byte offset (modulo the length) or a ``key: value`` line (modulo their
    number; only lines with ``key`` when one is given and present). Kinds: ``value``,
    ``key`` (replace that part of the line by the payload), ``line`` (insert ``key: payload``
    after it), ``dup-line``, ``indent``, ``insert``, ``whole``, ``append``, ``flip`` (xor
    ``arg``), ``delete`` (``arg`` bytes), ``truncate``, ``bom`` and ``newlines`` (variant ``arg``).
    """

    kind: str
    at: int = 0
    payload: str = ""
    arg: int = 0
    key: str = ""

    def text(self) -> bytes:
        return _as_bytes(PAYLOADS[self.payload].make(self.arg))

    def apply(self, data: bytes) -> bytes:
        lines = data.split(b"\n")
        if self.kind in LINE_KINDS:
            slots = [i for i, line in enumerate(lines) if _KEY_LINE.match(line)]
            keyed = [i for i in slots if _KEY_LINE.match(lines[i])["key"].decode() == self.key]
            slots = keyed or slots
            if not slots:
                return data
            index = slots[self.at % len(slots)]
            lines[index : index + 1] = LINE_KINDS[self.kind](self, _KEY_LINE.match(lines[index]))
            return b"\n".join(lines)
        return BYTE_KINDS[self.kind](self, data, self.at % (len(data) + 1))


def _indent_of(match: re.Match[bytes]) -> bytes:
    """Indentation of the keys of the mapping this line belongs to."""
    return b" " * len(match["indent"])


LINE_KINDS: dict[str, Callable[[Mutation, re.Match[bytes]], list[bytes]]] = {
    "value": lambda m, g: [g["indent"] + g["key"] + b": " + m.text()],
    "key": lambda m, g: [g["indent"] + m.text() + b":" + g["value"]],
    "line": lambda m, g: [g[0], _indent_of(g) + (m.key or "<<").encode() + b": " + m.text()],
    "dup-line": lambda m, g: [g[0], _indent_of(g) + g[0][len(g["indent"]) :]],
    "indent": lambda m, g: [(b"\t", b"", b" ", b"   ")[m.arg % 4] + g[0]],
}
BYTE_KINDS: dict[str, Callable[[Mutation, bytes, int], bytes]] = {
    "insert": lambda m, d, i: d[:i] + m.text() + d[i:],
    "whole": lambda m, d, i: m.text(),
    "append": lambda m, d, i: d + b"\n---\n" + m.text() + b"\n",
    "flip": lambda m, d, i: d[:i] + bytes([d[i] ^ (m.arg % 255 + 1)]) + d[i + 1 :] if i < len(d) else d,
    "delete": lambda m, d, i: d[:i] + d[i + m.arg :],
    "truncate": lambda m, d, i: d[:i],
    "bom": lambda m, d, i: BOMS[m.arg % len(BOMS)] + d,
    "newlines": lambda m, d, i: d.replace(b"\n", (b"\r\n", b"\r", b"\n\r", b"\x85")[m.arg % 4]),
}
#: How often each kind is drawn: structured changes reach validation, byte noise the reader.
KIND_WEIGHTS = ("value",) * 6 + ("key", "line", "line", "dup-line", "indent", "insert", "insert", "whole", "append",
                                 "flip", "flip", "delete", "truncate", "bom", "newlines")  # fmt: skip
POSITION = st.integers(0, 2**20)


def mutations(keys: tuple[str, ...]) -> st.SearchStrategy[Mutation]:
    payload = st.sampled_from(sorted(PAYLOADS)).flatmap(
        lambda name: st.tuples(st.just(name), st.sampled_from(PAYLOADS[name].args))
    )
    key = st.sampled_from(("", *keys))

    def of_kind(kind: str) -> st.SearchStrategy[Mutation]:
        if kind in LINE_KINDS or kind in ("insert", "whole", "append"):
            return st.builds(lambda at, p, k: Mutation(kind, at, p[0], p[1], k), POSITION, payload, key)
        return st.builds(lambda at, arg: Mutation(kind, at, arg=arg), POSITION, st.integers(0, 255))

    return st.sampled_from(KIND_WEIGHTS).flatmap(of_kind)


@dataclass(frozen=True)
class Case:
    """One fuzz input: a project file, changed by ``mutations``, and how diff and the site show it."""

    target: str
    mutations: tuple[Mutation, ...]
    diff_format: str = "markdown"  # markdown, json, or svg (markdown plus --svg-dir)

    def apply(self, data: bytes) -> bytes:
        for mutation in self.mutations:
            data = mutation.apply(data)
        return data


def cases(originals: dict[str, bytes]) -> st.SearchStrategy[Case]:
    """Cases over ``originals`` (path -> bytes); structured mutations aim at keys of the file they change."""

    def of_target(target: str) -> st.SearchStrategy[Case]:
        lines = originals[target].split(b"\n")
        keys = sorted({m["key"].decode() for line in lines if (m := _KEY_LINE.match(line))} | {"<<"})
        return st.builds(
            Case,
            target=st.just(target),
            mutations=st.lists(mutations(tuple(keys)), min_size=1, max_size=3).map(tuple),
            diff_format=st.sampled_from(("markdown", "json", "svg")),
        )

    return st.sampled_from(sorted(originals)).flatmap(of_target)


# --- the project ------------------------------------------------------------------------


def load_project(settings: Any) -> Any:
    """The project reader's entry point for a folder."""
    from journeys.loading.project import load_project as load

    return load(settings)


def _example_files() -> dict[str, bytes]:
    """The files cases mutate: example maps and personas, mkdocs.yml, the theme."""
    files = {
        f"{folder}/{path.name}": path.read_bytes()
        for folder in ("maps", "personas")
        for path in sorted((REPO_ROOT / folder).iterdir())
        if path.suffix in (".yaml", ".yml", ".md") and path.name != "README.md"
    }
    files[CONFIG_TARGET] = _with_every_option((REPO_ROOT / CONFIG_TARGET).read_bytes())
    files[THEME_TARGET] = DEFAULT_THEME.read_bytes()
    return files


def _with_every_option(config: bytes) -> bytes:
    """The example mkdocs.yml with every journeys option written out, so mutations reach each one."""
    options = {
        b"theme": b"fuzz", b"lanes": b"[steps, actions, thoughts, emotions, pain_points, opportunities, backstage]",
        b"max_file_size": b"1000000", b"max_depth": b"64", b"max_nodes": b"100000", b"show_evidence": b"true",
        # PNG and PDF cost seconds a map by design (tests/test_export_png_pdf.py covers them).
        b"downloads": b"[]",
    }  # fmt: skip
    lines = config.split(b"\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == b"- journeys:")
    indent = len(lines[start]) - len(lines[start].lstrip()) + 4
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip() and not lines[i].lstrip().startswith(b"#")
                and len(lines[i]) - len(lines[i].lstrip()) < indent), len(lines))  # fmt: skip
    written = {m["key"]: i for i in range(start + 1, end) if (m := _KEY_LINE.match(lines[i]))}
    for name in (b"theme", b"downloads"):  # the example site's own theme: cases mutate the fuzz theme instead
        if name in written:
            lines[written.pop(name)] = b" " * indent + name + b": " + options[name]
            written[name] = -1
    if b"emotion_scale" in written and b"labels" not in written:
        labels = b" " * (indent + 2) + b"labels: {-2: Furious, 0: Neutral, 2: Delighted}"
        lines.insert(written[b"emotion_scale"] + 1, labels)
    lines[start + 1 : start + 1] = [b" " * indent + name + b": " + value for name, value in options.items()
                                    if name not in written]  # fmt: skip
    return b"\n".join(lines)


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Fuzz", "-c", "user.email=fuzz@example.org", "-c", "commit.gpgsign=false",
                    *args], cwd=root, check=True, capture_output=True)  # fmt: skip


# --- the pipeline -----------------------------------------------------------------------


class CaseTimeout(BaseException):
    """A case ran for HANG_SECONDS (a BaseException, so no ``except Exception`` swallows it)."""


class BadOutput(Exception):
    """A stage returned, but what it returned is broken (an SVG that is not XML, width="nan")."""


class BadExit(Exception):
    """The CLI exited with a status other than 0, 1 or 2."""


#: SVG attributes that hold coordinates and sizes; a drawing never needs numbers beyond this.
NUMERIC_ATTRIBUTES = {"x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "width", "height",
                      "viewBox", "d", "points", "transform", "stroke-width", "font-size", "stroke-dasharray",
                      "dx", "dy"}  # fmt: skip
MAX_COORDINATE = 1e7
_NUMBER = re.compile(r"[-+]?(?:nan|inf(?:inity)?|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)", re.IGNORECASE)


def check_svg(svg: str) -> None:
    """Raise BadOutput unless ``svg`` is well-formed XML with finite, plausible coordinates."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as error:
        raise BadOutput(f"the SVG is not well-formed XML: {error}") from None
    for element in root.iter():
        for name, value in element.attrib.items():
            numbers = [float(n) for n in _NUMBER.findall(value)] if name in NUMERIC_ATTRIBUTES else []
            shown = f"<{element.tag.split('}')[-1]} {name}={value[:60]!r}>"
            if not all(math.isfinite(n) for n in numbers):
                raise BadOutput(f"{shown}: a non-finite number")
            if any(abs(n) > MAX_COORDINATE for n in numbers):
                raise BadOutput(f"{shown}: a number beyond {MAX_COORDINATE:g}, absurd for a drawing")


@dataclass(frozen=True)
class Crash:
    stage: str
    error: str
    message: str
    #: Innermost frame in the journeys package (where to fix it), and innermost of all.
    where: str
    origin: str
    trace: str = field(repr=False, default="")

    @classmethod
    def of(cls, stage: str, error: BaseException) -> Crash:
        frames = traceback.extract_tb(error.__traceback__)
        ours = [f for f in frames if "/journeys/" in f.filename and "/tests/" not in f.filename]

        def place(frame: traceback.FrameSummary | None) -> str:
            return f"{_short(frame.filename)}:{frame.lineno} ({frame.name})" if frame else "-"

        message = " ".join(str(error).split())[:200]
        trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        return cls(stage, type(error).__name__, message, place(ours[-1] if ours else None),
                   place(frames[-1] if frames else None), trace[-6000:])  # fmt: skip


def _short(filename: str) -> str:
    for marker in ("/generator/", "/site-packages/", "/lib/python"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename.removeprefix(f"{REPO_ROOT}/")


CRASHED = object()


@dataclass
class Outcome:
    case: Case
    crashes: list[Crash] = field(default_factory=list)
    #: Exceptions of MkDocs' own in a real build, with no journeys code on the stack (e.g.
    #: PyYAML on a 5,000-digit integer in mkdocs.yml): reported, but not journeys' to fix.
    foreign: list[Crash] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)

    @property
    def seconds(self) -> float:
        """CPU time in journeys' own stages (a real mkdocs build is timed apart)."""
        return sum(t for name, t in self.stages.items() if name != "mkdocs")

    def stage(self, name: str, run: Callable[..., Any], *args: Any) -> Any:
        """``run(*args)``, or CRASHED after recording the exception it raised."""
        start = _cpu_seconds()
        try:
            return run(*args)
        except CaseTimeout as error:
            signal.setitimer(signal.ITIMER_REAL, 0)  # stopped: no second alarm while it is recorded
            self.crashes.append(Crash.of(name, error))
            raise
        except Exception as error:
            crash = Crash.of(name, error)
            (self.foreign if name == "mkdocs" and crash.where == "-" else self.crashes).append(crash)
            return CRASHED
        finally:
            self.stages[name] = _cpu_seconds() - start


def _cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for (git)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


@contextmanager
def _hang_guard(seconds: float) -> Iterator[None]:
    def stop(signum: int, frame: Any) -> None:
        raise CaseTimeout(f"still running after {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, stop)
    # The alarm repeats: Python swallows an exception raised in a gc callback (Hypothesis
    # installs one), so the first CaseTimeout may never reach the case.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Harness:
    """A real project in ``folder`` (a git repository, committed once) that runs cases."""

    def __init__(self, folder: Path) -> None:
        from journeys.site.generate import SiteGenerator

        self.root = folder / "project"
        self.scratch = folder
        self.originals = _example_files()
        for sub in ("maps", "personas", "docs", "themes"):
            shutil.copytree(REPO_ROOT / sub, self.root / sub)
        for rel, data in self.originals.items():
            (self.root / rel).parent.mkdir(parents=True, exist_ok=True)
            (self.root / rel).write_bytes(data)
        _git(self.root, "init", "-q")
        _git(self.root, "add", "-A")
        _git(self.root, "commit", "-q", "-m", "the examples")
        # Serve's generator: kept across cases, it re-renders only what a case changed.
        self.generator = SiteGenerator()
        self._rendered: dict[str, tuple[Any, ...]] = {}
        self._unchanged_settings: tuple[Any, list[Any]] | None = None
        self._clock = 2_000_000_000 * 10**9

    def run(self, case: Case, *, diff: bool = True, mkdocs: bool = False) -> Outcome:
        """Every stage but the slowest two, which run when asked: ``journeys diff`` and a real build."""
        outcome = Outcome(case)
        path = self.root / case.target
        self._write(path, case.apply(self.originals[case.target]))
        try:
            with _hang_guard(HANG_SECONDS):
                self._pipeline(case, outcome, diff, mkdocs)
        except CaseTimeout:
            pass  # recorded as a crash of the stage it stopped
        finally:
            self._write(path, self.originals[case.target])
        return outcome

    def _write(self, path: Path, data: bytes) -> None:
        # A fresh modification time on every write: the theme cache, the site generator and
        # git's index all notice a change by it, even for two writes in the same clock tick.
        path.write_bytes(data)
        self._clock += 1_000_000
        os.utime(path, ns=(self._clock, self._clock))

    def _pipeline(self, case: Case, outcome: Outcome, diff: bool, mkdocs: bool) -> None:
        loaded = outcome.stage("settings", self._settings, case.target == CONFIG_TARGET)
        if loaded is not CRASHED:
            settings, config_issues = loaded
            theme = outcome.stage("theme", _theme, settings)
            if theme is not CRASHED:
                if isinstance(theme, Exception):  # a broken theme: the default, as the plugin does
                    settings = replace(settings, theme="default")
                    theme = _theme(settings)
                result = outcome.stage("load", load_project, settings)
                if result is not CRASHED:
                    outcome.stage("render", self._render, result.project, settings, theme)
                    outcome.stage("site", self._site, result, settings, tuple(config_issues))
        if mkdocs:
            outcome.stage("mkdocs", self._mkdocs)
        if diff:
            outcome.stage("diff", self._diff, case.diff_format)

    def _settings(self, changed: bool) -> tuple[Any, list[Any]]:
        """Settings depend on mkdocs.yml alone: read again only when a case changed it."""
        from journeys.config import load_settings

        if changed or self._unchanged_settings is None:
            loaded = load_settings(self.root)
            if not changed:
                self._unchanged_settings = loaded
            return loaded
        return self._unchanged_settings

    def _render(self, project: Any, settings: Any, theme: Any) -> None:
        from journeys.render import render_map_svg

        for journey in project.maps:
            compare = project.compared_map(journey)
            # Rendering is a pure function: the same inputs were drawn and checked already.
            key = (journey, compare, project.personas, project.scale, settings, theme)
            if self._rendered.get(journey.id) != key:
                check_svg(render_map_svg(journey, project, settings, compare=compare))
                self._rendered[journey.id] = key

    def _site(self, result: Any, settings: Any, config_issues: tuple[Any, ...]) -> None:
        from journeys.site import urls
        from journeys.site.context import SiteContext
        from journeys.site.templates import theme_template_dirs

        ctx = SiteContext(
            project=result.project,
            settings=settings,
            template_dirs=theme_template_dirs(settings.root, settings.theme),
            use_directory_urls=True,
            catalogue_uri=urls.HOME_CATALOGUE,
            issues=config_issues + tuple(result.issues),
        )
        self.generator.generate(ctx, show_broken=True)

    def _mkdocs(self) -> None:
        """A real ``mkdocs build`` with the journeys plugin; MkDocs' own errors are allowed outcomes."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        try:
            config = load_config(config_file=str(self.root / "mkdocs.yml"), site_dir=str(self.scratch / "site"))
            # A mutated docs_dir of "/" would have MkDocs copy the whole disk: not journeys' concern.
            if not Path(config.docs_dir).resolve().is_relative_to(self.root) or config.theme.custom_dir:
                return
            build(config)
        except MkDocsException:
            pass

    def _diff(self, diff_format: str) -> None:
        """``journeys diff HEAD`` through the CLI: exit 0, 1 or 2 and no traceback."""
        from click.testing import CliRunner

        from journeys.cli import main

        output = "json" if diff_format == "json" else "markdown"
        args = ["diff", "HEAD", "--project", str(self.root), "--format", output]
        if diff_format == "svg":
            args += ["--svg-dir", str(self.scratch / "svg")]
        result = CliRunner().invoke(main, args)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        if result.exit_code not in (0, 1, 2):
            raise BadExit(f"exit status {result.exit_code}: {result.output[-200:]}")


def _theme(settings: Any) -> Any:
    """The theme, or the ThemeError that reports why it cannot be used (an allowed outcome)."""
    from journeys.render.theme import ThemeError, load_theme

    try:
        return load_theme(settings)
    except ThemeError as error:
        return error


def replay(case: Case) -> Outcome:
    """Run one case (with a real mkdocs build) in a fresh temporary project."""
    with tempfile.TemporaryDirectory(prefix="journeys-fuzz-") as folder:
        return Harness(Path(folder)).run(case, diff=True, mkdocs=True)


if __name__ == "__main__":  # python tests/fuzzing.py "Case(target='maps/x.yaml', mutations=(...))"
    outcome = replay(eval(sys.argv[1], {"Case": Case, "Mutation": Mutation}))  # noqa: S307 - a developer's own input
    for crash in outcome.crashes:
        print(f"{crash.stage}: {crash.error} at {crash.where}\n{crash.trace}")
    print(f"{len(outcome.crashes)} crash(es); " + ", ".join(f"{k} {v:.3f} s" for k, v in outcome.stages.items()))
