from django.db.models import QuerySet

from goldenthread.identity.models import IdentityRecord, LinkageModel
from goldenthread.identity.services import Snapshot
from goldenthread.identity.warm import featured, warm_index
from goldenthread.organizations.models import Site
from goldenthread.people.models import Person
from goldenthread.people.selectors import matching_name

# A typed name alone says little: anyone the model finds at all is worth showing, most
# likely first, because the person typing decides.
SHOWN_FROM = 0.01


def likely_people(people: QuerySet[Person], site: Site, text: str, limit: int = 8) -> list[Person]:
    """Of `people` (already what the reader may see), those a typed name most likely means:
    first the site's model on "first ... last" ("Bill Jonson" finds William Johnson), then
    plain name search for what it cannot score (a street name, "JJ")."""
    words = text.split()
    ranked: list[int] = []
    model = LinkageModel.objects.filter(site=site).first()
    if len(words) > 1 and model is not None:
        index = warm_index(site, model)
        typed = Snapshot(source="referral", first_name=" ".join(words[:-1]), last_name=words[-1])
        scored = index.score([featured(-1, typed)], at_least=SHOWN_FROM) if index else []
        owners = dict(
            IdentityRecord.objects.filter(
                pk__in={row["unique_id_l"] for row in scored}, person__merged_into__isnull=True
            ).values_list("pk", "person_id")
        )
        for row in sorted(scored, key=lambda r: -r["match_probability"]):
            person_id = owners.get(row["unique_id_l"])
            if person_id is not None and person_id not in ranked:
                ranked.append(person_id)
    found = people.in_bulk(ranked)
    shown = [found[pk] for pk in ranked if pk in found][:limit]
    for person in matching_name(people, text)[: limit * 2]:
        if len(shown) >= limit:
            break
        if person not in shown:
            shown.append(person)
    return shown
