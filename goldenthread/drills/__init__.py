"""Drills that prove the site survives what production does to it, each against a demo
site of its own on the engine under test (servers.py builds it; site.py looks inside it):
a load run of the personas (load.py, locustfile.py), processes killed at random moments
while partners write (crash.py), and a backup restored and checked (tests/test_drills.py,
with the backups app's commands). The upgrade drill lives with the shell's tests."""
