"""``journeys import ems``: the customer journey map of an Enablement Map Studio file.

Enablement Map Studio (suwa-sh/enablement-map-studio) keeps a whole model in one YAML
file of several documents, each named by its ``kind``: ``cjm`` (the customer journey
map), ``sbp`` (a service blueprint), ``outcome`` (KGI, CSF and KPI) and ``em`` (the
enablement map). Only the ``cjm`` one is a journey; the others have no place in a map
and are reported as left out. The ``cjm`` document is read as its JSON Schema
(``packages/dsl/src/schemas/cjm.json``) defines it: a ``persona``, ``phases`` (stages)
and ``actions`` (steps, each naming its phase, with ``touchpoints``,
``thoughts_feelings`` and an integer ``emotion_score`` from -2 to +2). As Enablement
Map Studio does, the last ``cjm`` document of a file is the one read.

What breaks that schema (a missing field, a list where text belongs, a score outside
-2..+2) is an error at its line and nothing is imported; fields the schema does not
know are warnings, left out.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from journeys.formats import Imported, ImportedFile, UniqueIds, id_from, import_issue, rescaled
from journeys.issues import Issue
from journeys.loading.yamltree import YamlProblem, parse_yaml_documents
from journeys.validation.fields import kind_of

if TYPE_CHECKING:
    from journeys.formats import ImportContext, InputFile
    from journeys.loading.yamltree import Node
    from journeys.model import EmotionScale

#: Enablement Map Studio's emotion scale (``emotion_score``, an integer).
EMS_MINIMUM, EMS_MAXIMUM = -2, 2
#: The documents of an Enablement Map Studio file other than the journey, for the warning.
OTHER_KINDS = {"sbp": "service blueprint", "outcome": "outcome (KGI, CSF, KPI)", "em": "enablement map"}
#: The fields of each record in cjm.json; anything else is left out with a warning.
CJM_FIELDS = ("kind", "version", "id", "persona", "phases", "actions")
PERSONA_FIELDS = ("name", "description")
PHASE_FIELDS = ("id", "name")
ACTION_FIELDS = ("id", "name", "phase", "touchpoints", "thoughts_feelings", "emotion_score")
#: A step holds one touchpoint and one text of thoughts: several are joined with these.
TOUCHPOINT_SEPARATOR = ", "
THOUGHT_SEPARATOR = " / "


class _Invalid(Exception):
    """The cjm document breaks Enablement Map Studio's schema at ``node``."""

    def __init__(self, node: Node, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message


class _Reader:
    """Typed reads of the cjm document: the value, or :class:`_Invalid` at the node."""

    def __init__(self, source: InputFile) -> None:
        self.source = source
        #: What was left out or approximated (and, at the end, the error that stopped the import).
        self.issues: list[Issue] = []

    def warn(self, node: Node, code: str, message: str) -> None:
        self.issues.append(import_issue(self.source.name, node.line, node.column, code, message))

    def record(self, node: Node, what: str, known: tuple[str, ...], required: tuple[str, ...]) -> dict[str, Node]:
        """A mapping's known fields; the others are left out with a warning."""
        if not node.is_mapping:
            raise _Invalid(node, f"{what} must be a mapping of fields, not {kind_of(node)}")
        fields = {}
        for key, entry in node.value.items():
            if key in known:
                fields[key] = entry.value
            else:
                self.warn(
                    entry.key, "import-dropped", f"'{key}' in {what} is not an Enablement Map Studio field; left out"
                )
        for name in required:
            if name not in fields:
                raise _Invalid(node, f"{what} is missing the required field '{name}'")
        return fields

    def items(self, node: Node | None, what: str) -> list[Node]:
        if node is None or node.value is None:
            return []
        if not node.is_sequence:
            raise _Invalid(node, f"{what} must be a list, not {kind_of(node)}")
        items: list[Node] = node.value
        return items

    def text(self, node: Node, what: str) -> str:
        """Text (a number is taken as written, as the YAML's author would read it)."""
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise _Invalid(node, f"{what} must be text, not {kind_of(node)}")
        text = (value if isinstance(value, str) else node.source or str(value)).strip()
        if not text:
            raise _Invalid(node, f"{what} must not be empty")
        return text

    def texts(self, node: Node | None, what: str) -> list[str]:
        return [self.text(item, f"each entry of {what}") for item in self.items(node, what)]

    def score(self, node: Node, what: str) -> int:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Invalid(node, f"{what} must be a whole number from -2 to +2, not {kind_of(node)}")
        if not EMS_MINIMUM <= value <= EMS_MAXIMUM:
            raise _Invalid(node, f"{what} {value} is outside Enablement Map Studio's scale, -2 to +2")
        return value


def import_file(source: InputFile, context: ImportContext) -> Imported:
    try:
        documents = parse_yaml_documents(source.text)
    except YamlProblem as problem:
        return Imported(
            issues=(import_issue(source.name, problem.line, problem.column, "import-syntax", problem.message),)
        )
    reader = _Reader(source)
    journey = _journey_document(reader, documents)
    files: tuple[ImportedFile, ...] = ()
    if journey is None:
        reader.issues.append(
            import_issue(
                source.name, 1, 1, "import-syntax",
                "no 'kind: cjm' document: an Enablement Map Studio file keeps its customer journey map in one; "
                "nothing imported",
            )
        )  # fmt: skip
    else:
        try:
            files = _files(reader, journey, context)
        except _Invalid as invalid:
            node = invalid.node
            reader.issues.append(import_issue(source.name, node.line, node.column, "import-syntax", invalid.message))
    return Imported(files, tuple(sorted(reader.issues, key=Issue.sort_key)))


def _journey_document(reader: _Reader, documents: list[Node]) -> Node | None:
    """The last ``kind: cjm`` document; each other document is reported as left out."""
    journeys = []
    for document in documents:
        kind = document.value.get("kind") if document.is_mapping else None
        name = kind.value.value if kind is not None and kind.value.is_scalar else None
        if name == "cjm":
            journeys.append(document)
        elif kind is not None and name in OTHER_KINDS:
            reader.warn(
                kind.key,
                "import-dropped",
                f"the {OTHER_KINDS[name]} ('kind: {name}') has no place in a journey map; left out",
            )
        elif document.value is not None:
            where = kind.key if kind is not None else document
            reader.warn(
                where,
                "import-dropped",
                "a YAML document that is not one of Enablement Map Studio's (cjm, sbp, outcome, em); left out",
            )
    for earlier in journeys[:-1]:
        reader.warn(
            earlier,
            "import-dropped",
            "an earlier 'kind: cjm' document; Enablement Map Studio reads the last one, as journeys does; left out",
        )
    return journeys[-1] if journeys else None


def _files(reader: _Reader, document: Node, context: ImportContext) -> tuple[ImportedFile, ...]:
    fields = reader.record(document, "the cjm document", CJM_FIELDS, ("id", "phases", "actions"))
    ems_id = reader.text(fields["id"], "the cjm document's id")
    map_id = id_from(ems_id.removeprefix("cjm:")) or id_from(PurePath(reader.source.name).stem) or "imported-journey"
    origin = f"{reader.source.name}, line {document.line}"
    persona_id, persona_data = _persona(reader, fields.get("persona"), document, map_id, context)
    title = _title(map_id)
    reader.warn(
        document,
        "import-approximated",
        f"Enablement Map Studio maps have no title: titled '{title}' after the id; edit it in the map",
    )
    journey = {
        "title": title,
        "personas": [persona_id],
        "stages": _stages(reader, fields["phases"], fields["actions"], context.settings.scale),
        "x-ems-id": ems_id,
    }
    made = ImportedFile("map", map_id, journey, origin)
    return (made,) if persona_data is None else (made, ImportedFile("persona", persona_id, persona_data, origin))


def _persona(
    reader: _Reader, node: Node | None, document: Node, map_id: str, context: ImportContext
) -> tuple[str, dict[str, object] | None]:
    """The persona's id, and the data of a new persona file unless the project has them."""
    if node is None:
        name, description = "Customer", None
        reader.warn(
            document, "import-approximated", "the cjm document names no persona: the map's persona is 'Customer'"
        )
    else:
        fields = reader.record(node, "the persona", PERSONA_FIELDS, ("name",))
        name = reader.text(fields["name"], "the persona's name")
        described = fields.get("description")
        description = reader.text(described, "the persona's description") if described is not None else None
    existing = context.existing_persona(name)
    if existing is None:
        persona_id = id_from(name) or f"{map_id}-persona"
        return persona_id, {"name": name} if description is None else {"name": name, "description": description}
    if description is not None and node is not None:
        reader.warn(
            node.value["description"].key, "import-dropped",
            f"the persona is the project's '{existing}'; this description of them is left out",
        )  # fmt: skip
    return existing, None


def _stages(reader: _Reader, phases: Node, actions: Node, scale: EmotionScale) -> list[dict[str, object]]:
    """The phases as stages, each with its actions as steps, in the file's order."""
    ids = UniqueIds()
    stages: dict[str, dict[str, object]] = {}
    for number, phase in enumerate(reader.items(phases, "phases"), 1):
        fields = reader.record(phase, "a phase", PHASE_FIELDS, PHASE_FIELDS)
        phase_id = reader.text(fields["id"], "a phase's id")
        name = reader.text(fields["name"], "a phase's name")
        if phase_id in stages:
            raise _Invalid(fields["id"], f"a second phase with the id '{phase_id}'; each phase needs its own")
        stages[phase_id] = {
            "name": name,
            "id": ids.new(id_from(phase_id.rsplit(":", 1)[-1]), id_from(name), f"phase-{number}"),
            "steps": [],
            "x-ems-id": phase_id,
        }
    if not stages:
        raise _Invalid(phases, "phases is empty: a journey map needs at least one stage")
    for number, action in enumerate(reader.items(actions, "actions"), 1):
        fields = reader.record(action, "an action", ACTION_FIELDS, ("id", "name", "phase", "emotion_score"))
        phase_id = reader.text(fields["phase"], "an action's phase")
        step = _step(reader, fields, ids, f"step-{number}", scale)
        stage = stages.get(phase_id)
        if stage is None:
            reader.warn(
                fields["phase"], "import-dropped",
                f"the action '{step['name']}' is in the phase '{phase_id}', which is not among the phases; left out",
            )  # fmt: skip
            continue
        steps = stage["steps"]
        assert isinstance(steps, list)
        steps.append(step)
    return list(stages.values())


def _step(
    reader: _Reader, fields: dict[str, Node], ids: UniqueIds, fallback: str, scale: EmotionScale
) -> dict[str, object]:
    action_id = reader.text(fields["id"], "an action's id")
    name = reader.text(fields["name"], "an action's name")
    own_id = id_from(action_id.rsplit(":", 1)[-1])
    step: dict[str, object] = {"name": name, "id": ids.new(own_id, id_from(name), fallback)}
    touchpoints = reader.texts(fields.get("touchpoints"), "touchpoints")
    if touchpoints:
        step["touchpoint"] = TOUCHPOINT_SEPARATOR.join(touchpoints)
    thoughts = reader.texts(fields.get("thoughts_feelings"), "thoughts_feelings")
    if thoughts:
        step["thoughts"] = THOUGHT_SEPARATOR.join(thoughts)
    step["emotion"] = rescaled(reader.score(fields["emotion_score"], "emotion_score"), EMS_MINIMUM, EMS_MAXIMUM, scale)
    step["x-ems-id"] = action_id
    return step


def _title(map_id: str) -> str:
    """``sysdev-lifecycle`` -> ``Sysdev lifecycle``."""
    return map_id.replace("-", " ").capitalize()
