"""证书编号 and 管理号 are compared byte by byte on a server whatever its database's locale (migration 8,
docs/architecture.md "Storage engines"): a number's start is found as a range of its column, which is
its prefix only in byte order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.services.audit import Actor
from ruankao_desktop.core.services.centre import open_centre
from ruankao_desktop.core.services.demo import DemoSeeder
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.store.models import Certificate
from tests.engines import ON_POSTGRES, admin, database_url, drop_database, query, unique_name

pytestmark = pytest.mark.skipif(
    not ON_POSTGRES, reason="PostgreSQL only: SQLite compares text byte by byte, whatever the system's locale"
)

TODAY = date(2026, 11, 1)


@pytest.fixture
def chinese_locale_database() -> Iterator[str]:
    """A server database whose text is ordered by Chinese rules (ICU zh-Hans-CN), as a centre's
    administrator may well create it."""
    name = unique_name("zh")
    with admin() as connection:
        connection.execute(
            f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING UTF8 LOCALE_PROVIDER icu '
            "ICU_LOCALE 'zh-Hans-CN' LOCALE 'C.UTF-8'"
        )
    yield database_url(name)
    drop_database(name)


def test_numbers_are_in_byte_order_in_a_chinese_locale_database(chinese_locale_database: str) -> None:
    target = chinese_locale_database
    assert query(target, "SELECT datlocprovider FROM pg_database WHERE datname = current_database()") == [
        ("i",)
    ]
    centre = open_centre(target)
    try:
        DemoSeeder(count=40, seed=3, today=TODAY).run(Actor("clerk", "desk-1"))
        numbers = ["C777700002", "C7777000010", "C777700001Z", "C7777-00001", "C777701"]
        for certificate, number in zip(Certificate.select().order_by(Certificate.id), numbers, strict=False):
            Certificate.update(cert_no=number).where(Certificate.id == certificate.id).execute()
        result = LookupService(Settings(), today=lambda: TODAY).search("C777700")
    finally:
        centre.close()
    collations = query(
        target,
        "SELECT column_name, collation_name FROM information_schema.columns WHERE table_name = 'certificate' "
        "AND column_name IN ('cert_no', 'management_no') ORDER BY column_name",
    )
    assert collations == [("cert_no", "C"), ("management_no", "C")]
    found = [hit.summary.cert_no for hit in result.hits]
    assert found == sorted(n for n in numbers if n.startswith("C777700"))  # byte order, as on SQLite
