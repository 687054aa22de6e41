"""Inserting many rows of one model in a few statements, for the paths that write tens of
thousands at a time (feed imports, identity resolution, the audit trail).

Django's bulk_create turns every value into SQL through its expression compiler: on a
feed import that was four fifths of the time spent inserting. Here each column's values go
through the same final step Django's field takes for that column (the backend's adapter),
chosen once per column: text and integers as they are, dates and datetimes through the
backend's date adapters, JSON through its JSON adapter. A value of any other type takes
the field's own full path (get_db_prep_save), so nothing is converted differently from
bulk_create; shell/tests/test_bulk.py checks it column by column on both databases."""

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from django.db import connection, models
from django.db.backends.base.base import BaseDatabaseWrapper

M = TypeVar("M", bound=models.Model)

# Rows per statement: enough that a statement's fixed costs do not matter, few enough to
# stay under every backend's limit on parameters (SQLite's default is 32,766).
ROWS_PER_STATEMENT = 500
PARAMETERS_PER_STATEMENT = 30_000
TEXT_FIELDS = {"CharField", "TextField", "SlugField", "EmailField", "URLField"}
INTEGER_FIELDS = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
    "ForeignKey",
    "OneToOneField",
}


def _converter(field: models.Field, db: BaseDatabaseWrapper) -> Callable[[Any], Any]:
    """value -> database parameter, equal to field.get_db_prep_save(value, db)."""
    full = field.get_db_prep_save
    kind = field.get_internal_type()
    ops = db.ops
    if kind in TEXT_FIELDS:
        # Choices members are str too, and Django passes them on as they are.
        return lambda value: value if value is None or isinstance(value, str) else full(value, db)
    if kind == "GenericIPAddressField":
        return lambda value: None if value is None else full(value, db)
    if kind in INTEGER_FIELDS:
        return lambda value: value if value is None or type(value) is int else full(value, db)
    if kind == "BooleanField":
        return lambda value: value if value is None or type(value) is bool else full(value, db)
    if kind == "FloatField":
        return lambda value: value if value is None or type(value) is float else full(value, db)
    if kind == "DateField":
        adapt_date = ops.adapt_datefield_value
        return lambda value: adapt_date(value) if type(value) is date else full(value, db)
    if kind == "DateTimeField":
        adapt_datetime = ops.adapt_datetimefield_value

        def datetime_value(value: Any) -> Any:
            # A naive datetime takes the full path, which warns and makes it aware.
            if type(value) is datetime and value.tzinfo is not None:
                return adapt_datetime(value)
            return full(value, db)

        return datetime_value
    if kind == "JSONField":
        adapt_json, encoder = ops.adapt_json_value, field.encoder  # type: ignore[attr-defined]
        return lambda value: (
            adapt_json(value, encoder) if type(value) in (dict, list) else full(value, db)
        )
    return lambda value: full(value, db)


def bulk_insert(
    model: type[M], objects: Sequence[M], *, ignore_conflicts: bool = False
) -> Sequence[M]:
    """Inserts `objects` (unsaved, of one concrete model with an automatic primary key)
    and sets their primary keys, as bulk_create does. With `ignore_conflicts`, rows that
    break a unique constraint are left out and primary keys are not set."""
    if not objects:
        return objects
    meta = model._meta
    primary_key = meta.pk
    assert primary_key is not None and isinstance(primary_key, models.AutoField)
    fields = [field for field in meta.concrete_fields if field is not primary_key]
    for field in fields:
        if getattr(field, "db_default", models.NOT_PROVIDED) is not models.NOT_PROVIDED:
            raise TypeError(f"{meta.label}.{field.name} has a database default")
    stamped = [
        field
        for field in fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    for obj in objects:
        for field in stamped:
            field.pre_save(obj, True)
    converters = [(field.attname, _converter(field, connection)) for field in fields]
    rows = [[convert(getattr(obj, name)) for name, convert in converters] for obj in objects]
    quote = connection.ops.quote_name
    # Names come from the model's own metadata, quoted; every value is a parameter.
    columns = ", ".join(quote(field.column) for field in fields)
    head = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "  # noqa: S608
    one_row = f"({', '.join(['%s'] * len(fields))})"
    tail = (
        " ON CONFLICT DO NOTHING" if ignore_conflicts else f" RETURNING {quote(primary_key.column)}"
    )
    step = max(1, min(ROWS_PER_STATEMENT, PARAMETERS_PER_STATEMENT // len(fields)))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), step):
            chunk = rows[start : start + step]
            cursor.execute(
                head + ", ".join([one_row] * len(chunk)) + tail,
                [value for row in chunk for value in row],
            )
            if not ignore_conflicts:
                # Rows come back in the order they were given, as bulk_create relies on.
                for obj, (pk,) in zip(
                    objects[start : start + step], cursor.fetchall(), strict=True
                ):
                    obj.pk = pk
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias
    return objects
