"""JSON Schemas of a flow file, one per kind of step, so errors can speak the editor's words."""

from __future__ import annotations

from plainpath.flows.icons import VOCABULARY

ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"

_TEXT = {"type": "string", "minLength": 1, "maxLength": 300}
_LABEL = {"type": "string", "minLength": 1, "maxLength": 120}  # drawn in a chart box
_ANSWER = {"type": "string", "minLength": 1, "maxLength": 60}  # drawn on a chart arrow
_ID = {"type": "string", "pattern": ID_PATTERN}
_PAGE = {"type": "string", "pattern": r"\.md$"}

FLOW_SCHEMA = {
    "type": "object",
    "required": ["id", "title", "summary", "service", "steps"],
    "additionalProperties": False,
    "properties": {
        "id": _ID,
        "title": _LABEL,
        "summary": {"type": "string", "minLength": 1, "maxLength": 160},
        "service": _TEXT,
        "steps": {"type": "array", "minItems": 1, "items": {"type": "object"}},
    },
}

_ICON = {"type": "string", "enum": sorted(VOCABULARY)}
_COMMON = {"id": _ID, "body": {"type": "string"}, "page": _PAGE, "icon": _ICON}

# A step's own key found inside its task list was indented one level too far: the message says
# to move it left (schema_errors reads this note), not "that key is not allowed".
_STEP_KEYS_INDENTED_TOO_FAR = {
    "keys": ["next", "optional", "loops_back", "title", "body", "icon", "id"], "line_up_with": "tasks"}

_TASK = {
    "type": "object",
    "required": ["text"],
    "additionalProperties": False,
    "x-indented-too-far": _STEP_KEYS_INDENTED_TOO_FAR,
    "properties": {"text": _TEXT, "page": _PAGE},
}
_TASK_LIST = {"type": "array", "minItems": 1, "items": _TASK}

STEP_SCHEMAS = {
    "step": {
        "type": "object",
        "required": ["id", "title"],
        "additionalProperties": False,
        "properties": {
            **_COMMON,
            "title": _LABEL,
            "optional": {"type": "boolean"},
            "next": _ID,
            "loops_back": {"type": "boolean"},
            "tasks": {
                "type": "array",
                "items": {
                    "type": "object",
                    "minProperties": 1,
                    "maxProperties": 1,
                    "additionalProperties": False,
                    "x-indented-too-far": _STEP_KEYS_INDENTED_TOO_FAR,
                    "properties": {"all": _TASK_LIST, "any": _TASK_LIST},
                },
            },
        },
    },
    "decision": {
        "type": "object",
        "required": ["id", "decision", "answers"],
        "additionalProperties": False,
        "properties": {
            **_COMMON,
            "decision": _LABEL,
            "answers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["answer", "next"],
                    "additionalProperties": False,
                    "properties": {
                        "answer": _ANSWER,
                        "next": _ID,
                        "loops_back": {"type": "boolean"},
                    },
                },
            },
        },
    },
    "outcome": {
        "type": "object",
        "required": ["id", "outcome"],
        "additionalProperties": False,
        "properties": {**_COMMON, "outcome": _LABEL, "time": _TEXT, "cost": _TEXT},
    },
}

KIND_KEYS = {"title": "step", "decision": "decision", "outcome": "outcome"}
