"""Labelled LEAD-like identity records for evaluating linkage, deterministic by seed: the
same person as a referral, a jail booking and a court docket, with the ways such records
differ in practice (nicknames, typos, day and month swapped, missing dates, first and last
name swapped, a different area, another surname), among people who share common names,
and twins who share a surname, a birth date and an area."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from goldenthread.demo.personas import FIRST_NAMES, LAST_NAMES

# Formal first names and the nicknames they go by.
NICKNAMES = {
    "william": ["bill", "will", "billy"],
    "robert": ["bob", "rob", "bobby"],
    "elizabeth": ["liz", "beth", "betty"],
    "james": ["jim", "jimmy"],
    "john": ["jack", "johnny"],
    "michael": ["mike", "mikey"],
    "richard": ["rick", "rich"],
    "joseph": ["joe", "joey"],
    "thomas": ["tom", "tommy"],
    "charles": ["charlie", "chuck"],
    "christopher": ["chris"],
    "daniel": ["dan", "danny"],
    "anthony": ["tony"],
    "margaret": ["maggie", "peggy"],
    "jennifer": ["jen", "jenny"],
    "patricia": ["pat", "patty"],
    "katherine": ["kate", "kathy"],
    "samuel": ["sam"],
    "edward": ["ed", "eddie"],
    "timothy": ["tim"],
    "nicholas": ["nick"],
    "stephen": ["steve"],
    "deborah": ["debbie"],
    "victoria": ["vicky"],
}
FIRST = sorted({*NICKNAMES, *(name.lower() for name in FIRST_NAMES)})
COMMON_LAST = sorted({name.lower() for name in LAST_NAMES})
# Zipf-like: the most common name about three times as common as the tenth.
COMMON_WEIGHTS = [1 / (rank + 5) for rank in range(len(COMMON_LAST))]
# The long tail: 20 x 20 x 16 made-up surnames, as varied as a city's.
SYLLABLES = (
    "al", "bar", "cal", "dor", "el", "fen", "gar", "hol", "ing", "jor",
    "kel", "lan", "mor", "nor", "ost", "pel", "quin", "ros", "sal", "tor",
)  # fmt: skip
ENDINGS = (
    "son", "man", "ford", "ley", "ton", "well", "by", "wick",
    "ez", "ski", "ova", "ard", "berg", "stad", "ini", "ez",
)  # fmt: skip
# First names: about half of people have one of the short list, the rest are spread over a
# long tail (13 x 12 x 6 made-up names), as first names are in a city.
FIRST_ONSETS = ("ka", "le", "mi", "no", "ra", "si", "ta", "zo", "da", "fe", "jo", "lu", "be")
FIRST_MIDDLES = ("ri", "na", "lo", "se", "ven", "dra", "mir", "nel", "tas", "bel", "cor", "yan")
FIRST_ENDINGS = ("", "a", "o", "ie", "el", "in")
AREAS = ("downtown", "belltown", "sodo", "central", "rainier", "ballard", "capitol hill", "u")


@dataclass(frozen=True)
class LabelledRecord:
    unique_id: int
    person: int  # the truth: records of one person share this
    first_name: str
    last_name: str
    dob: date | None
    sex: str
    area: str
    state_id: str | None


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 4:
        return text
    at = rng.randrange(1, len(text) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return text[:at] + text[at + 1 :]
    if kind == 1:
        return text[:at] + rng.choice("aeiounrst") + text[at + 1 :]
    return text[:at] + text[at + 1] + text[at] + text[at + 2 :]


def _surname(rng: random.Random) -> str:
    # A third share a short list of common names; the rest are spread over a long tail,
    # as surnames are in a city.
    if rng.random() < 0.35:
        return rng.choices(COMMON_LAST, weights=COMMON_WEIGHTS)[0]
    return rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(ENDINGS)


def _first_name(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(FIRST)
    return rng.choice(FIRST_ONSETS) + rng.choice(FIRST_MIDDLES) + rng.choice(FIRST_ENDINGS)


def _people(rng: random.Random, count: int) -> list[dict[str, object]]:
    people = []
    for number in range(count):
        people.append(
            {
                "person": number,
                "first": _first_name(rng),
                "last": _surname(rng),
                "dob": date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 55)),
                "sex": rng.choice(("female", "male")),
                "area": rng.choice(AREAS),
                "state_id": f"WA{rng.randrange(10**8):08d}" if rng.random() < 0.4 else None,
            }
        )
    for _ in range(count // 100):  # twins
        sibling = dict(people[rng.randrange(count)])
        sibling.update(person=len(people), first=_first_name(rng), state_id=None)
        people.append(sibling)
    return people


def _dob(rng: random.Random, dob: date) -> date | None:
    roll = rng.random()
    if roll < 0.05 and dob.day <= 12 and dob.day != dob.month:
        return date(dob.year, dob.day, dob.month)
    if roll < 0.08:
        return None
    if roll < 0.11:
        return dob + timedelta(days=rng.choice((-1, 1, 10, -10)))
    return dob


def _record(rng: random.Random, person: dict[str, object], unique_id: int) -> LabelledRecord:
    first, last = str(person["first"]), str(person["last"])
    if first in NICKNAMES and rng.random() < 0.25:
        first = rng.choice(NICKNAMES[first])
    if rng.random() < 0.05:
        first = _typo(rng, first)
    if rng.random() < 0.07:
        last = _typo(rng, last)
    if rng.random() < 0.02:
        last = _surname(rng)  # another surname: married, or an alias
    if rng.random() < 0.02:
        first, last = last, first
    dob = person["dob"]
    assert isinstance(dob, date)
    state_id = person["state_id"] if rng.random() < 0.5 else None
    return LabelledRecord(
        unique_id=unique_id,
        person=int(person["person"]),  # type: ignore[call-overload]
        first_name=first.title(),
        last_name=last.title(),
        dob=_dob(rng, dob),
        # Sources sometimes record sex otherwise (a clerk's error, a person's gender).
        sex=str(person["sex"]) if rng.random() >= 0.01 else rng.choice(("female", "male")),
        area=rng.choice(AREAS) if rng.random() < 0.2 else str(person["area"]),
        state_id=state_id if isinstance(state_id, str) else None,
    )


def labelled_records(people: int, seed: int) -> list[LabelledRecord]:
    """Records of `people` people (and a few twins), one to four records each."""
    rng = random.Random(f"identity:{seed}")
    records: list[LabelledRecord] = []
    for person in _people(rng, people):
        for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
            records.append(_record(rng, person, len(records)))
    return records
