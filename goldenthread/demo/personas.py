"""The synthetic demo site: fictional organizations of every kind and one account per persona.

Nothing here describes a real person or agency.
"""

from dataclasses import dataclass

from goldenthread.organizations.models import OrganizationKind, Role

SITE_NAME = "Cascade County LEAD (demo)"
SITE_SLUG = "cascade-demo"
DEMO_PASSWORD = "golden-thread-demo"  # noqa: S105 - printed for the synthetic demo only

# The demo site's precincts and neighbourhoods, for referrals and equity figures.
AREAS = ("Downtown", "Eastside", "Riverside", "North Precinct", "South Park")

ORGANIZATIONS: dict[str, str] = {
    OrganizationKind.PROJECT_MANAGEMENT: "Cascade LEAD Project Management",
    OrganizationKind.CASE_MANAGEMENT: "Harbor Case Management Services",
    OrganizationKind.POLICE: "Cascade City Police Department",
    OrganizationKind.PROSECUTOR: "Cascade County Prosecuting Attorney",
    OrganizationKind.PUBLIC_DEFENSE: "Cascade Public Defender Association",
    OrganizationKind.COMMUNITY_PARTNER: "Eastside Neighbors Council",
    OrganizationKind.BUSINESS: "Pine Street Merchants Association",
    OrganizationKind.LODGING_PROVIDER: "Harborview Inn Lodging Program",
    OrganizationKind.SAFETY_TEAM: "Third Avenue Safety Team",
    OrganizationKind.HEALTH_PROVIDER: "Cascade Community Health Clinic",
    OrganizationKind.GOVERNMENT: "City of Cascade Human Services",
    OrganizationKind.EVALUATOR: "Northwest Policy Research Center",
    OrganizationKind.HMIS: "Cascade Continuum of Care HMIS",
}


@dataclass(frozen=True)
class Persona:
    username: str
    display_name: str
    memberships: tuple[tuple[str, str], ...]  # (organization kind, role)


PERSONAS = (
    Persona(
        "site.admin", "Dana Whitfield", ((OrganizationKind.PROJECT_MANAGEMENT, Role.SITE_ADMIN),)
    ),
    Persona(
        "pm.ramirez",
        "Lucia Ramirez",
        (
            (OrganizationKind.PROJECT_MANAGEMENT, Role.PROJECT_MANAGER),
            (OrganizationKind.PROJECT_MANAGEMENT, Role.PCG_MEMBER),
        ),
    ),
    Persona("supervisor.chen", "Wei Chen", ((OrganizationKind.CASE_MANAGEMENT, Role.SUPERVISOR),)),
    Persona("cm.okafor", "Ngozi Okafor", ((OrganizationKind.CASE_MANAGEMENT, Role.CASE_MANAGER),)),
    Persona("cm.santos", "Rafael Santos", ((OrganizationKind.CASE_MANAGEMENT, Role.CASE_MANAGER),)),
    Persona(
        "outreach.nguyen",
        "Minh Nguyen",
        ((OrganizationKind.CASE_MANAGEMENT, Role.OUTREACH_WORKER),),
    ),
    Persona("officer.lee", "Jordan Lee", ((OrganizationKind.POLICE, Role.OFFICER),)),
    Persona("sgt.morales", "Ana Morales", ((OrganizationKind.POLICE, Role.APPROVING_SERGEANT),)),
    Persona(
        "prosecutor.walsh", "Erin Walsh", ((OrganizationKind.PROSECUTOR, Role.LIAISON_PROSECUTOR),)
    ),
    Persona(
        "defender.haddad", "Sami Haddad", ((OrganizationKind.PUBLIC_DEFENSE, Role.PUBLIC_DEFENDER),)
    ),
    Persona(
        "referrer.brooks",
        "Tasha Brooks",
        ((OrganizationKind.COMMUNITY_PARTNER, Role.COMMUNITY_REFERRER),),
    ),
    Persona("pcg.patel", "Ravi Patel", ((OrganizationKind.GOVERNMENT, Role.PCG_MEMBER),)),
    Persona("evaluator.kim", "Soo-jin Kim", ((OrganizationKind.EVALUATOR, Role.EVALUATOR),)),
    Persona(
        "lodging.silva",
        "Marcos Silva",
        ((OrganizationKind.LODGING_PROVIDER, Role.LODGING_LIAISON),),
    ),
    Persona(
        "lodging.osei",
        "Abena Osei",
        ((OrganizationKind.LODGING_PROVIDER, Role.LODGING_LIAISON),),
    ),
    Persona(
        "ambassador.james",
        "Keisha James",
        ((OrganizationKind.SAFETY_TEAM, Role.SAFETY_AMBASSADOR),),
    ),
)

# Extra staff for `--size large`, so benchmark pages list realistic numbers of accounts.
LARGE_STAFF = (
    (OrganizationKind.CASE_MANAGEMENT, Role.CASE_MANAGER, 40),
    (OrganizationKind.CASE_MANAGEMENT, Role.OUTREACH_WORKER, 12),
    (OrganizationKind.POLICE, Role.OFFICER, 150),
    (OrganizationKind.POLICE, Role.APPROVING_SERGEANT, 15),
    (OrganizationKind.COMMUNITY_PARTNER, Role.COMMUNITY_REFERRER, 20),
)

FIRST_NAMES = (
    "Alex",
    "Bea",
    "Carlos",
    "Dee",
    "Eli",
    "Fatima",
    "Gus",
    "Hana",
    "Ike",
    "June",
    "Kofi",
    "Lena",
    "Mateo",
    "Nia",
    "Omar",
    "Pia",
    "Quinn",
    "Rosa",
    "Sol",
    "Tomas",
    "Uma",
    "Vic",
    "Wren",
    "Xena",
    "Yusuf",
    "Zoe",
)
LAST_NAMES = (
    "Abbott",
    "Barros",
    "Castillo",
    "Duarte",
    "Ekwueme",
    "Fischer",
    "Garza",
    "Holm",
    "Ibarra",
    "Jensen",
    "Kowal",
    "Lindqvist",
    "Mensah",
    "Novak",
    "Ortega",
    "Pereira",
    "Quist",
    "Rahman",
    "Sato",
    "Tran",
    "Ueda",
    "Vargas",
    "Weiss",
    "Yilmaz",
    "Zamora",
)
