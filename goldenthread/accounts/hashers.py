from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    """Argon2id at OWASP's minimum: 19 MiB of memory, 2 passes, 1 lane.

    The measured cost of one login is recorded in docs/benchmarks.md.
    """

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
