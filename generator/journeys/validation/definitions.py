"""Every field of a persona and a journey map, defined once.

Validation takes its lists of known and required fields from here, ``journeys schema``
generates the JSON Schema for editors from here, and ``journeys fmt`` orders fields by
these definitions. The order of each record's fields is the order of the tables in
docs/reference/format.md, and each description is that table's "Meaning" (a test checks
both), so the reference, the validator, the schema and the formatter cannot drift apart.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cached_property

from journeys.model import DIRECTIONS, LEVELS, MAP_STATES, MAP_STATUSES


class Kind(enum.Enum):
    """What a field holds, as validation reads it."""

    #: Text; a number is accepted and kept as written. Blank text is an error.
    TEXT = "text"
    #: A list of texts.
    TEXT_LIST = "text-list"
    #: An id (``^[a-z0-9][a-z0-9-]*$``): a stage or step id, or a reference to a file.
    ID = "id"
    #: A non-empty list of distinct ids (a map's personas).
    ID_LIST = "id-list"
    #: One of the field's ``choices``.
    CHOICE = "choice"
    #: A date written ``YYYY-MM-DD``.
    DATE = "date"
    #: ``true`` or ``false``.
    BOOLEAN = "boolean"
    #: A number on the emotion scale, or a mapping of persona id to such a number.
    SCORE = "score"
    #: A text, or a mapping of persona id to text.
    PERSONA_TEXT = "persona-text"
    #: A list of the field's ``record``.
    RECORDS = "records"
    #: A list whose entries are each a text or the field's ``record``.
    TEXTS_OR_RECORDS = "texts-or-records"


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    #: The "Meaning" of the field in docs/reference/format.md.
    description: str
    #: A value as the reference's examples write it.
    example: object
    required: bool = False
    choices: tuple[str, ...] = ()
    default: object = None
    #: The record of each entry, for RECORDS and TEXTS_OR_RECORDS.
    record: Record | None = None


@dataclass(frozen=True)
class Record:
    """A mapping of fields: a persona, a map, a stage, a step, a metric..."""

    #: How messages name it ("a stage"); also its title in the schema.
    what: str
    description: str
    fields: tuple[Field, ...]
    #: Small enough to be written on one line, ``{text: ..., severity: high}``, by fmt.
    compact: bool = False
    #: Exactly one of these fields must be given (a map's ``personas`` or ``persona``).
    one_of: tuple[str, ...] = ()

    # Cached: validation asks for these at every step of every map.
    @cached_property
    def names(self) -> tuple[str, ...]:
        """Every field name, in the reference's order."""
        return tuple(field.name for field in self.fields)

    @cached_property
    def required(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields if field.required)

    def field(self, name: str) -> Field | None:
        return next((field for field in self.fields if field.name == name), None)

    def of_kind(self, kind: Kind) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields if field.kind is kind)


def _levels(name: str, description: str) -> Field:
    return Field(name, Kind.CHOICE, description, "high", choices=LEVELS)


PAIN_POINT = Record(
    "a pain point",
    "A problem at this step: text, or a mapping with the text and a severity.",
    (
        Field("text", Kind.TEXT, "The problem.", "Account creation is compulsory", required=True),
        _levels("severity", "How badly it hurts the journey."),
    ),
    compact=True,
)

OPPORTUNITY = Record(
    "an opportunity",
    "An idea to improve this step: text, or a mapping with the text and ratings.",
    (
        Field("text", Kind.TEXT, "The idea.", "Guest checkout", required=True),
        _levels("impact", "How much it would improve the journey."),
        _levels("effort", "How much work it would take."),
    ),
    compact=True,
)

STEP = Record(
    "a step",
    "What the persona does, thinks and feels at one point of the journey.",
    (
        Field(
            "name", Kind.TEXT, "What happens, from the persona's point of view (\"Enters card details\").",
            "Enters card details", required=True,
        ),
        Field("id", Kind.ID, "A stable id; by default a slug of the name.", "enters-card-details"),
        Field(
            "touchpoint", Kind.TEXT, "Where the persona meets the organisation: a page, an email, a person.",
            "Checkout payment page",
        ),
        Field(
            "channel", Kind.TEXT, "The channel of the touchpoint: `web`, `app`, `store`, `phone`...", "web"
        ),
        Field("actions", Kind.PERSONA_TEXT, "What the persona does.", "Types the card number on the phone"),
        Field(
            "thoughts", Kind.PERSONA_TEXT,
            "What the persona thinks, ideally in their own words (see Each persona's actions, thoughts and feeling).",
            "Why is it asking for my address again?",
        ),
        Field("feeling", Kind.PERSONA_TEXT, "The feeling in a word or two (\"Annoyed\").", "Annoyed"),
        Field(
            "emotion", Kind.SCORE, "How the persona feels, on the emotion scale (see Emotion).", -2
        ),
        Field(
            "pain_points", Kind.TEXTS_OR_RECORDS, "Problems at this step (see Pain points and opportunities).",
            ["Billing address asked for twice"], record=PAIN_POINT,
        ),
        Field(
            "opportunities", Kind.TEXTS_OR_RECORDS, "Ideas to improve this step.",
            ["Reuse the delivery address for billing"], record=OPPORTUNITY,
        ),
        Field(
            "backstage", Kind.TEXT, "What happens behind the scenes: systems, teams, processes.",
            "Payment provider fraud check",
        ),
        Field("owner", Kind.TEXT, "The team responsible for this step.", "Payments team"),
        Field(
            "evidence", Kind.TEXT_LIST, "What this step is based on (see Evidence and links).",
            ["Usability test round 3", "https://baymard.com/lists/cart-abandonment-rate"],
        ),
        Field(
            "moment_of_truth", Kind.BOOLEAN,
            "Marks a step that makes or breaks the journey. Default `false`.", True, default=False,
        ),
        Field(
            "detail", Kind.ID, "The map that details this step, step by step (see Sub-journeys).",
            "laptop-checkout",
        ),
    ),
)  # fmt: skip

STAGE = Record(
    "a stage",
    "A column of the diagram: one phase of the journey, made of steps.",
    (
        Field("name", Kind.TEXT, "The stage's name, shown as a column heading.", "Purchase", required=True),
        Field(
            "id", Kind.ID, "A stable id; by default a slug of the name (see Ids).", "purchase"
        ),
        Field("goal", Kind.TEXT, "What the persona wants from this stage.", "Pay quickly and safely"),
        Field("description", Kind.TEXT, "More about the stage.", "Usually the same morning the connection drops."),
        Field(
            "steps", Kind.RECORDS, "The steps, in order. A stage without steps is a warning.",
            [{"name": "Enters card details"}], record=STEP,
        ),
    ),
)  # fmt: skip

METRIC = Record(
    "a metric",
    "A measure of the journey.",
    (
        Field("name", Kind.TEXT, "What is measured.", "Checkout abandonment", required=True),
        Field(
            "value", Kind.TEXT, "The current value, as you would write it: `68%`, `9 min`, `3.1 / 5`.", "68%",
            required=True,
        ),
        Field("target", Kind.TEXT, "The value you are aiming for.", "50%"),
        Field(
            "direction", Kind.CHOICE,
            "`down` when lower is better, `up` when higher is better: says whether a value is on target.",
            "down", choices=DIRECTIONS,
        ),
        Field("measured", Kind.DATE, "When the value was measured.", "2026-10-01"),
        Field(
            "stage", Kind.TEXT, "The stage the metric belongs to; leave it out for the whole journey.", "Purchase"
        ),
    ),
    compact=True,
)  # fmt: skip

MAP = Record(
    "a journey map",
    "A journey map: one or more personas followed through stages of steps.",
    (
        Field("title", Kind.TEXT, "The map's title.", "Buying a laptop online", required=True),
        Field(
            "description", Kind.TEXT, "One or two sentences: what the map covers.",
            "How a student finds, buys and receives a laptop from our web shop today.",
        ),
        Field("personas", Kind.ID_LIST, "Who the journey is about.", ["sam"]),
        Field("persona", Kind.ID, "Shorthand for a single persona.", "sam"),
        Field(
            "state", Kind.CHOICE, "The journey as it is, or as it should be.", "current",
            choices=MAP_STATES, default="current",
        ),
        Field(
            "compares_to", Kind.ID, "The current-state map that a future-state map improves.", "laptop-purchase"
        ),
        Field("owner", Kind.TEXT, "The team or person responsible for the map.", "Web shop team"),
        Field(
            "status", Kind.CHOICE, "How far the map is through review.", "review",
            choices=MAP_STATUSES, default="draft",
        ),
        Field("tags", Kind.TEXT_LIST, "Labels for grouping maps.", ["ecommerce", "checkout"]),
        Field("updated", Kind.DATE, "When the content was last checked against reality.", "2026-10-14"),
        Field(
            "stages", Kind.RECORDS, "The stages, in journey order (at least one).",
            [{"name": "Purchase", "steps": [{"name": "Enters card details"}]}], required=True, record=STAGE,
        ),
        Field(
            "metrics", Kind.RECORDS, "Measures of the journey (see Metrics).",
            [{"name": "Checkout abandonment", "value": "68%", "target": "50%"}], record=METRIC,
        ),
    ),
    one_of=("personas", "persona"),
)  # fmt: skip

PERSONA = Record(
    "a persona",
    "A person the maps are about.",
    (
        Field("name", Kind.TEXT, "The persona's name, as shown on maps and pages.", "Sam Okafor", required=True),
        Field("role", Kind.TEXT, "One line about who they are.", "Second-year student on a tight budget"),
        Field(
            "quote", Kind.TEXT, "Something they said, or would say, in their own words.",
            "I keep five tabs open before I buy anything.",
        ),
        Field("goals", Kind.TEXT_LIST, "What they are trying to achieve.", ["A reliable laptop before term starts"]),
        Field("frustrations", Kind.TEXT_LIST, "What gets in their way, in general.", ["Surprise delivery costs"]),
        Field("behaviours", Kind.TEXT_LIST, "How they typically act.", ["Shops on the phone"]),
        Field("channels", Kind.TEXT_LIST, "The channels they use.", ["social", "web", "app"]),
        Field("tags", Kind.TEXT_LIST, "Labels for grouping personas.", ["students"]),
        Field(
            "description", Kind.TEXT,
            "Markdown: the profile of a YAML persona, or a summary above a Markdown persona's body (see below).",
            "## Background\n\nPat is 51 and pays the household's bills.\n",
        ),
    ),
)  # fmt: skip
