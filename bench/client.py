"""A small HTTP client that signs in like a person (password, then authenticator code)."""

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request

from django_otp.oath import totp

from goldenthread.demo.generator import totp_key_for
from goldenthread.demo.personas import DEMO_PASSWORD


class SignedInClient:
    def __init__(self, jar: http.cookiejar.CookieJar | None = None) -> None:
        self.jar = jar or http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    @classmethod
    def wait_for(cls, base: str, seconds: float = 30) -> "SignedInClient":
        deadline = time.monotonic() + seconds
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)  # noqa: S310 - loopback only
                return cls()
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def clone(self) -> "SignedInClient":
        return SignedInClient(self.jar)

    def _post_form(self, url: str, fields: dict[str, str]) -> str:
        page = self.opener.open(url).read().decode()
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert match, f"no CSRF token on {url}"
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": match.group(1), **fields}).encode()
        request = urllib.request.Request(url, data=data, headers={"Referer": url})  # noqa: S310
        return self.opener.open(request).geturl()

    def sign_in(self, base: str, username: str, seed: int) -> None:
        self._post_form(
            f"{base}/accounts/login/", {"username": username, "password": DEMO_PASSWORD}
        )
        code = f"{totp(bytes.fromhex(totp_key_for(seed, username))):06d}"
        landed = self._post_form(f"{base}/accounts/mfa/", {"token": code})
        assert landed == f"{base}/", f"sign-in did not reach the home page: {landed}"

    def timed_get(self, url: str) -> tuple[float, float]:
        """(server milliseconds from Server-Timing, client milliseconds)."""
        started = time.perf_counter()
        with self.opener.open(url) as response:
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            if response.status != 200:
                raise RuntimeError(f"{url} answered {response.status}")
            header = response.headers["Server-Timing"]
        return float(header.split("dur=")[1]), elapsed
