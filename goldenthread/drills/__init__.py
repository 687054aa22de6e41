"""Drills that prove the site survives what production does to it: processes killed at
random moments while partners write (crash.py), run against a site of its own on the
engine under test (servers.py, site.py). The backup and restore drill lives with the
backups; the upgrade drill with the shell's tests."""
