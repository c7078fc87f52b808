"""Turn jsonschema errors into messages an editor can act on, with the line they point at."""

from __future__ import annotations

import re

from typing import Any

import jsonschema

from plainpath.errors import EditorError, did_you_mean
from plainpath.located_yaml import LocatedDocument

_TYPE_WORDS = {
    "string": "text",
    "object": "a block of keys",
    "array": "a list (lines starting with '-')",
    "boolean": "true or false",
    "integer": "a whole number",
}


def validate_located(
    document: LocatedDocument,
    value: Any,
    schema: dict[str, Any],
    kind: str,
    base_path: tuple[Any, ...] = (),
) -> list[EditorError]:
    """Check ``value`` (found at ``base_path`` in ``document``) against ``schema``."""
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(value), key=lambda error: list(map(str, error.path)))
    found = (_to_editor_error(document, error, kind, base_path) for error in errors)
    return [error for error in found if error is not None]


def _to_editor_error(
    document: LocatedDocument, error: jsonschema.ValidationError, kind: str, base: tuple[Any, ...]
) -> EditorError | None:
    """The editor's message for one schema error; None when another error says it better."""
    path = base + tuple(error.absolute_path)
    name = f"'{path[-1]}'" if path and isinstance(path[-1], str) else "this item"
    handler = _HANDLERS.get(error.validator, _generic)
    message = _read_as_yes_no_or_number(document, error, name, path) or handler(error, name, path)
    if message is None:
        return None
    problem, fix, where_path, at_key = message
    return EditorError(kind, document.locate(where_path, key=at_key), problem, fix)


def _required(error, name, path):
    missing = error.message.split("'")[1]
    return (
        f"the key '{missing}' is missing.",
        f"Add a line '{missing}: ...' to this block.",
        path,
        False,
    )


def _additional(error, name, path):
    allowed = error.schema.get("properties", {})
    unknown = sorted(str(key) for key in set(error.instance) - set(allowed))  # a key may be empty (None)
    key = unknown[0]
    too_far = error.schema.get("x-indented-too-far") or {}
    if key in too_far.get("keys", ()):
        # A key of the block above, indented one level too far (a step's next: inside its tasks).
        line_up_with = too_far["line_up_with"]
        return (f"'{key}' is indented as part of the '{line_up_with}' list, so it does not belong to the step.",
                f"Move '{key}:' to the left so it lines up with '{line_up_with}:'.", path + (key,), True)
    hint = did_you_mean(key, allowed) or f"Allowed keys here: {', '.join(sorted(allowed))}."
    return f"'{key}' is not a key this block can have.", hint, path + (key,), True


def _read_as_yes_no_or_number(document: LocatedDocument, error, name, path):
    """Text that YAML 1.1 turned into true/false or a number: say so, and quote it back."""
    if error.validator != "type" or error.validator_value != "string":
        return None
    if not isinstance(error.instance, (bool, int, float)):
        return None
    typed = document.written(path, error.instance) or str(error.instance)
    what = "a yes/no value" if isinstance(error.instance, bool) else "a number"
    key = path[-1] if path and isinstance(path[-1], str) else None
    example = f'{key}: "{typed}"' if key else f'"{typed}"'
    return (f"{name} is {typed}, which YAML reads as {what}, not as text.",
            f"Put it in quotes: {example}", path, False)


def _type(error, name, path):
    wanted = _TYPE_WORDS.get(error.validator_value, error.validator_value)
    return f"{name} must be {wanted}.", "Change the value to that type.", path, False


_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def _pattern(error, name, path):
    if error.validator_value == _DATE_PATTERN:
        return (f"{name} is '{str(error.instance)[:40]}', which is not a date written year-month-day.",
                f"Write the date as {_as_iso_date(str(error.instance))} (year-month-day).", path, False)
    if path and path[-1] == "link":
        fix = "Write the full web address, starting with https://, without spaces or quotes."
    else:
        fix = ("Ids use lowercase letters, numbers and hyphens (like 'check-you-can-apply'); "
               "page links end in '.md'.")
    return f"{name} is '{str(error.instance)[:80]}', which is not a valid value here.", fix, path, False


def _as_iso_date(text: str) -> str:
    """A UK day-first date (01/10/2026) as the year-month-day it means (2026-10-01)."""
    found = _DAY_FIRST.match(text)
    if found:
        day, month, year = (int(part) for part in found.groups())
        if 1 <= day <= 31 and 1 <= month <= 12:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return "2026-10-01"


def _too_long(error, name, path):
    return (
        f"{name} is {len(error.instance)} characters long; the limit is {error.validator_value}.",
        "Shorten it.",
        path,
        False,
    )


def _too_short(error, name, path):
    if isinstance(error.instance, str):
        return f"{name} is empty.", "Write some text or remove the key.", path, False
    return f"{name} has no items.", "Add at least one item.", path, False


def _one_group(error, name, path):
    keys = set(error.instance) if isinstance(error.instance, dict) else set()
    if keys - {"all", "any"}:
        return None  # a key that does not belong here: the additionalProperties message says which
    if not keys:
        return ("this task group is empty.",
                "Start it with '- all:' (do all of these) or '- any:' (do one of these).", path, False)
    return (
        "a task group must be either 'all:' (do all of these) or 'any:' (do one of these), not both.",
        "Split it into two groups, each starting with '- all:' or '- any:'.",
        path,
        False,
    )


def _enum(error, name, path):
    allowed = [str(value) for value in error.validator_value]
    hint = did_you_mean(str(error.instance), allowed) or ""
    listing = f"Use one of: {', '.join(allowed)}." if len(allowed) <= 40 else ""
    return (f"{name} is '{str(error.instance)[:40]}', which is not one of the words it can be.",
            " ".join(part for part in (hint, listing) if part), path, False)


def _generic(error, name, path):
    return f"{name} is not valid: {error.message}.", "Check it against docs/flow-format.md.", path, False


_HANDLERS = {
    "required": _required,
    "enum": _enum,
    "additionalProperties": _additional,
    "type": _type,
    "pattern": _pattern,
    "maxLength": _too_long,
    "minLength": _too_short,
    "minItems": _too_short,
    "minProperties": _one_group,
    "maxProperties": _one_group,
}
