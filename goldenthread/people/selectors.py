from django.db.models import Q, QuerySet

from goldenthread.people.models import Person


def matching_name(people: QuerySet[Person], query: str) -> QuerySet[Person]:
    """People whose legal, preferred or street names contain every word of the query."""
    for word in query.split():
        people = people.filter(
            Q(legal_first_name__icontains=word)
            | Q(legal_last_name__icontains=word)
            | Q(preferred_name__icontains=word)
            | Q(aliases__icontains=word)
        )
    return people
