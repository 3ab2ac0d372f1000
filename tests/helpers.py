"""Constants the tests share."""

from __future__ import annotations

from datetime import date

from ruankao_desktop.core.services.audit import Actor

# The demo data is generated for a fixed day, so that states such as 逾期未领 never drift with the clock.
TODAY = date(2026, 11, 29)
DEMO_COUNT = 3000
DEMO_SEED = 11
TEST_ACTOR = Actor(user="tester", terminal="desk-1")
