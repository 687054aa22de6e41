import time
from base64 import b32encode

from django.core.management.base import BaseCommand, CommandParser

from goldenthread.demo.generator import build_demo_site
from goldenthread.demo.national import build_network
from goldenthread.demo.personas import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Build (or refresh) the deterministic synthetic demo site and print how to sign in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2011, help="Same seed, same site.")
        parser.add_argument(
            "--size",
            choices=["small", "large", "national"],
            default="small",
            help=(
                "small for the demo; large adds the volume the benchmarks need; national adds"
                " 99 more sites and 20 million contacts (hours on a small machine)."
            ),
        )

    def handle(self, *args: object, seed: int, size: str, **options: object) -> None:
        out = self.stdout.write
        result = build_demo_site(seed=seed, size="small" if size == "national" else size)
        if size == "national":
            started = time.monotonic()
            built = build_network(seed=seed, progress=out)
            out(
                f"National network: {built.sites} sites built, {built.participants:,}"
                f" participants, {built.contacts:,} contacts, {built.bookings:,} bookings in"
                f" {time.monotonic() - started:.0f} s."
            )
        out(f"Demo site: {result.site.name} (seed {seed}, size {size}).")
        out(
            f"{result.participants} participants; their releases of information differ (none, "
            "provisional, full, limited, expired, revoked), so each persona sees a different slice "
            "at /people/."
        )
        if result.staff_accounts:
            out(f"Plus {result.staff_accounts} staff accounts for benchmarks.")
        out("")
        out(f"Every demo account's password: {DEMO_PASSWORD}")
        out("Second factor: add the key to an authenticator app, or print the current code with")
        out(
            "  make totp USER=<username>   (development only), or use a recovery code (each works once;"
        )
        out("  running the demo again restores them).")
        out("")
        for login in result.logins:
            key = b32encode(bytes.fromhex(login.totp_key_hex)).decode()
            out(f"{login.username:<18} {login.display_name:<16} {', '.join(login.roles)}")
            out(f"{'':<18} key {key}   recovery codes {' '.join(login.recovery_codes[:3])}")
        out("")
        out("Sign in at http://127.0.0.1:8000/accounts/login/")
