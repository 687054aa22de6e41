"""Every form of the app, fed what Hypothesis makes of each field (Unicode, control
characters, huge values, boundary dates, choices that do not exist): it either refuses with
a message for the field or cleans to values the database keeps and the pages can show.
Never an exception. A form added without an entry in CONTEXT fails here by name."""

import importlib
import inspect
import pkgutil
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.http import QueryDict
from django.test import RequestFactory
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

import goldenthread
from goldenthread.accounts.models import User
from goldenthread.conferencing.models import Meeting, WorkGroup
from goldenthread.conferencing.services import work_group_create
from goldenthread.forms import EARLIEST, LATEST, SafeInput
from goldenthread.legal.models import NoteKind
from goldenthread.lodging.models import LodgingPlace, Stay, Unit
from goldenthread.organizations.models import Organization
from goldenthread.organizations.models import OrganizationKind as K
from goldenthread.outreach.models import Encampment
from goldenthread.people.models import Person
from goldenthread.referrals.models import Door
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant
from goldenthread.testing_hostile import anything, boundary_dates, hostile_text, huge_numbers
from goldenthread.text import CONTROL_BUT_NEWLINE, LARGEST_KEY

# The largest integer PostgreSQL's integer column keeps.
INT4 = 2**31 - 1
SKIPPED_MODULES = (".tests", ".migrations", ".drills.locustfile")

# What each keyword a form's constructor asks for is given: what its view passes.
CONTEXT: dict[str, Any] = {
    "managers": lambda case: User.objects.all(),
    "leads": lambda case: User.objects.all(),
    "approvers": lambda case: User.objects.all(),
    "people": lambda case: Person.objects.all(),
    "organizations": lambda case: Organization.objects.all(),
    "recipients": lambda case: Organization.objects.all(),
    "places": lambda case: LodgingPlace.objects.all(),
    "units": lambda case: Unit.objects.all(),
    "encampments": lambda case: Encampment.objects.all(),
    "guests": lambda case: Stay.objects.all(),
    "meetings": lambda case: Meeting.objects.all(),
    "groups": lambda case: WorkGroup.objects.all(),
    "group": lambda case: case.group,
    "site": lambda case: case.site,
    "site_id": lambda case: case.site.pk,
    "zone": lambda case: case.site.zone,
    "matters": lambda case: [],
    "kinds": lambda case: list(NoteKind.values),
    "known": lambda case: {},
    "doors": lambda case: frozenset(Door.values),
    "supervisor": lambda case: True,
}


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def every_form() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(goldenthread.__path__, "goldenthread."):
        if not any(part in module.name for part in SKIPPED_MODULES):
            importlib.import_module(module.name)
    return sorted(
        {
            c
            for c in _subclasses(forms.BaseForm)
            # goldenthread.forms holds the bases, not forms anyone fills in.
            if c.__module__.startswith("goldenthread.") and c.__module__ != "goldenthread.forms"
        },
        key=lambda c: f"{c.__module__}.{c.__qualname__}",
    )


def keywords(form_class: type[forms.BaseForm]) -> list[str]:
    found = []
    for klass in form_class.__mro__:
        if "__init__" in vars(klass) and klass.__module__.startswith("goldenthread."):
            found += [
                p.name
                for p in inspect.signature(klass.__init__).parameters.values()  # type: ignore[misc]
                if p.kind is p.KEYWORD_ONLY
            ]
    return found


FORMS = every_form()


def plausible(field: forms.Field) -> st.SearchStrategy[Any]:
    """Something the field could take."""
    if isinstance(field, forms.ModelChoiceField):
        pks = [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:5]]  # type: ignore[union-attr]
        found: st.SearchStrategy[Any] = st.sampled_from(pks) if pks else huge_numbers
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)  # type: ignore[arg-type]
        offered = [str(v) for v, label in choices if not isinstance(label, list | tuple)]
        found = st.sampled_from(offered) if offered else hostile_text
    elif isinstance(field, forms.DateTimeField):
        found = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2030, 1, 1)).map(
            lambda d: d.isoformat()[:16]
        )
    elif isinstance(field, forms.DateField):
        found = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 1, 1)).map(date.isoformat)
    elif isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        found = st.integers(min_value=0, max_value=100).map(str)
    elif isinstance(field, forms.BooleanField):
        found = st.sampled_from(["on", ""])
    elif isinstance(field, forms.EmailField):
        found = st.sampled_from(["ana@example.org", "j.doe@county.example"])
    elif isinstance(field, forms.URLField):
        found = st.sampled_from(["https://example.org/hook"])
    else:
        found = st.text(
            st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), min_size=1, max_size=40
        )
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return st.lists(found, min_size=1, max_size=3)
    return found


def hostile(field: forms.Field) -> st.SearchStrategy[Any]:
    """Anything at all, shaped for the field's kind half the time."""
    if isinstance(field, forms.DateField | forms.DateTimeField | forms.TimeField):
        shaped = boundary_dates
    elif isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        shaped = huge_numbers
    else:
        shaped = hostile_text
    single = shaped | anything
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return st.lists(single, max_size=4)
    return single


def check_clean(form: forms.BaseForm) -> None:
    """A form that accepted its input must hand on values that are safe to store."""
    for name, value in form.cleaned_data.items():
        field = form.fields.get(name)
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, str):
                assert not CONTROL_BUT_NEWLINE.search(item), (name, item)
                if field is not None and not isinstance(field.widget, forms.Textarea):
                    assert "\n" not in item, (name, item)
                limit = getattr(field, "max_length", None)
                assert limit is None or len(item) <= limit, (name, len(item))
            elif isinstance(item, bool):
                continue
            elif isinstance(item, int):
                # A field bounded for keys (bigint) may go that far; any other, as far as
                # PostgreSQL's integer.
                limit = getattr(field, "max_value", None) or INT4
                assert limit <= LARGEST_KEY and -limit <= item <= limit, (name, item)
            elif isinstance(item, Decimal):
                assert item.is_finite(), (name, item)
            elif isinstance(item, datetime):
                assert item.tzinfo is not None, (name, item)
                assert EARLIEST <= item.date() <= LATEST, (name, item)
                item.astimezone(UTC)  # a moment every zone can show
            elif isinstance(item, date):
                assert EARLIEST <= item <= LATEST, (name, item)


class EveryFormTests(HypothesisTestCase, PersonaTestCase):
    group: WorkGroup

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        participant(cls.site, cls.orgs[K.CASE_MANAGEMENT], cls.ngozi, legal_first_name="Rosa")
        cls.group = work_group_create(
            actor=cls.lucia,
            site=cls.site,
            name="Downtown OWG",
            organizations=[cls.orgs[K.POLICE], cls.orgs[K.CASE_MANAGEMENT]],
            members=[cls.lucia, cls.ngozi],
        )

    def test_every_form_is_found_and_each_keyword_it_asks_for_is_known(self):
        self.assertGreater(len(FORMS), 60)
        self.assertEqual([f for f in FORMS if not issubclass(f, SafeInput)], [])
        unknown = {
            f"{form.__module__}.{form.__qualname__}: {name}"
            for form in FORMS
            for name in keywords(form)
            if name not in CONTEXT
        }
        self.assertEqual(unknown, set())

    @settings(
        max_examples=400,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def test_any_input_is_refused_with_a_reason_or_cleaned_to_storable_values(self, data):
        form_class = data.draw(st.sampled_from(FORMS), label="form")
        kwargs = {name: CONTEXT[name](self) for name in keywords(form_class)}
        if issubclass(form_class, AuthenticationForm):  # django-axes reads the request
            kwargs["request"] = RequestFactory().post("/accounts/login/")
        empty = form_class(**kwargs)
        # A form filled in as it could be, with one to three fields made hostile or left out.
        names = list(empty.fields)
        spoiled = data.draw(st.sets(st.sampled_from(names), max_size=3), label="spoiled")
        sent: dict[str, Any] = {}
        for name, field in empty.fields.items():
            if name not in spoiled:
                sent[empty.add_prefix(name)] = data.draw(plausible(field), label=name)
            elif data.draw(st.booleans(), label=f"send {name}"):
                sent[empty.add_prefix(name)] = data.draw(hostile(field), label=name)
        form = form_class(data=_as_post(sent), **kwargs)
        valid = form.is_valid()
        event("cleaned" if valid else "refused")
        if valid:
            check_clean(form)
        else:
            for field_errors in form.errors.values():
                self.assertTrue(all(str(message).strip() for message in field_errors))


def _as_post(sent: dict[str, Any]) -> QueryDict:
    post = QueryDict(mutable=True)
    for key, value in sent.items():
        if isinstance(value, list):
            post.setlist(key, [str(v) for v in value])
        else:
            post[key] = str(value)
    return post
