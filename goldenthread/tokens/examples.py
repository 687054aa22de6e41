"""The worked examples on the API reference page. The page shows them and a test sends
them to the API as they are, so the examples integrators copy are known to work."""

from typing import Any

from goldenthread.legal.feeds.importer import MAX_ROWS_PUSHED

REFERRAL_IDEMPOTENCY_KEY = "RMS-2026-118842"
REFERRAL: dict[str, Any] = {
    "door": "social_contact",
    "name": "goes by JJ",
    "approximate_age": 40,
    "occurred_at": "2026-11-28T23:40:00-08:00",
    "conduct": "drug_possession",
    "area": "Downtown",
    "incident_number": "2026-118842",
    "narrative": "Met under the Jackson St bridge; wants help.",
    # A social contact refers someone for conduct the officer did not see this time.
    "verification_basis": "records",
    "last_conduct_on": "2026-11-20",
    "in_program_area": True,
}
BOOKINGS: dict[str, Any] = {
    "sender": "Cascade County Jail",
    "rows": [
        {
            "booking_number": "B-26-40117",
            "last_name": "Bell",
            "first_name": "Marcus",
            "date_of_birth": "1984-03-02",
            "sex": "male",
            "state_id": "",
            "booked_at": "2026-11-28 22:15",
            "released_at": "",
            "charges": "9A.56.050:misdemeanor",
            "facility": "Cascade County Jail",
            "area": "Downtown",
        }
    ],
}
ROWS_PER_PUSH = MAX_ROWS_PUSHED
