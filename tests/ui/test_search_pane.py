"""The lookup pane on the one-call search (issue 11), driven through the real widgets on the seeded demo
database: the first page at once and the rest after, the exact total and the counts per state, a count
and the filter row narrowing the results, why each row matched and which part, the near misses of a
mistyped number as links, the holder an identifier found, and hostile input answered calmly."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.services.lookup import Filters, More
from ruankao_desktop.core.store.database import db
from ruankao_desktop.core.store.models import Certificate
from ruankao_desktop.ui.main_window import MainWindow
from ruankao_desktop.ui.models.results_model import MARK_ROLE, PLACEHOLDER, SUMMARY_ROLE, Column
from tests.ui.test_desk_flow import SHOWCASE_ID, WAIT_MS, type_with_ime

WAIT_ALL_MS = 15_000


def complete_search(qtbot: QtBot, window: MainWindow, text: str) -> int:
    """Enter in the field, then wait until every id is in the table and the counts are shown."""
    pane = window.lookup_pane
    pane.input.setText(text)
    with qtbot.waitSignal(pane.search_completed, timeout=WAIT_ALL_MS) as blocker:
        pane.search_now()
    return int(blocker.args[0])


def service_more(window: MainWindow, query: str, filters: Filters | None = None) -> More:
    """What the service itself finds, in the test thread."""
    more = window.desk.lookup.more(query, filters=filters)
    db.close()
    return more


def every_row(qtbot: QtBot, window: MainWindow) -> list[object]:
    """The summary of every row, once each page has arrived."""
    model = window.lookup_pane.model

    def fetched() -> bool:
        return all(model.index(row, 0).data() != PLACEHOLDER for row in range(model.rowCount()))

    qtbot.waitUntil(fetched, timeout=WAIT_ALL_MS)
    return [model.index(row, 0).data(SUMMARY_ROLE) for row in range(model.rowCount())]


def visible_counts(window: MainWindow) -> dict[CertificateState, QPushButton]:
    buttons = window.lookup_pane.counts.findChildren(QPushButton, "stateCount")
    return {CertificateState(b.property("state")): b for b in buttons if not b.isHidden()}


def test_typing_a_surname_shows_the_first_page_then_the_exact_total_and_the_counts(
    qtbot: QtBot, window: MainWindow
) -> None:
    pane = window.lookup_pane
    pane.input.setFocus()
    with qtbot.waitSignal(pane.search_finished, timeout=WAIT_MS) as first:
        type_with_ime(pane.input, "王")
    more = service_more(window, "王")
    total = len(more.ids)
    assert first.args[0] == total > 50
    assert pane.model.index(0, Column.NAME).data() != PLACEHOLDER  # the first page came with its rows
    assert pane.summary.text().startswith(f"共 {total:,} 条结果")
    if pane.model.rowCount() < total:
        with qtbot.waitSignal(pane.search_completed, timeout=WAIT_ALL_MS):
            pass
    assert pane.model.ids() == more.ids
    shown = visible_counts(window)
    assert set(shown) == {state for state, count in more.counts_by_state.items() if count}
    for state, button in shown.items():
        assert button.text() == f"{state.text('zh')} {more.counts_by_state[state]:,}"
    assert pane.counts.all_button.isChecked()
    assert pane.counts.all_button.text() == f"✓ 全部 {total:,}"


def test_clicking_a_count_filters_to_that_state_and_clicking_it_again_shows_all(
    qtbot: QtBot, window: MainWindow
) -> None:
    pane = window.lookup_pane
    total = complete_search(qtbot, window, "王")
    counts = service_more(window, "王").counts_by_state
    state = min((s for s, count in counts.items() if count), key=lambda s: counts[s])
    button = visible_counts(window)[state]

    with qtbot.waitSignal(pane.search_completed, timeout=WAIT_ALL_MS):
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    summaries = every_row(qtbot, window)
    assert len(summaries) == counts[state]
    assert {summary.state for summary in summaries} == {state}  # type: ignore[attr-defined]
    assert visible_counts(window)[state].isChecked()
    assert not pane.counts.all_button.isChecked()
    assert set(visible_counts(window)) == {s for s, count in counts.items() if count}  # the others stay
    assert pane.filters.state.currentData() == state.value

    with qtbot.waitSignal(pane.search_completed, timeout=WAIT_ALL_MS):
        QTest.mouseClick(visible_counts(window)[state], Qt.MouseButton.LeftButton)
    assert pane.model.rowCount() == total
    assert pane.counts.all_button.isChecked()
    assert not any(button.isChecked() for button in visible_counts(window).values())


def test_the_all_count_clears_the_state_filter(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.lookup_pane
    total = complete_search(qtbot, window, "王")
    state, button = next(iter(visible_counts(window).items()))
    with qtbot.waitSignal(pane.search_completed, timeout=WAIT_ALL_MS):
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert pane.model.rowCount() < total
    with qtbot.waitSignal(pane.search_completed, timeout=WAIT_ALL_MS):
        QTest.mouseClick(pane.counts.all_button, Qt.MouseButton.LeftButton)
    assert pane.model.rowCount() == total
    assert pane.filters.state.currentIndex() == 0
    assert state in visible_counts(window)


def test_a_filter_combo_narrows_the_results_and_clear_restores_them(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.lookup_pane
    total = complete_search(qtbot, window, "王")
    combo = pane.window().findChild(type(pane.filters.session), "filterSession")
    assert combo is pane.filters.session
    qtbot.waitUntil(lambda: combo.count() > 1, timeout=WAIT_MS)
    session_name = pane.model.index(0, Column.SESSION).data()  # a session where some 王 is
    position = combo.findText(session_name)
    session_id = combo.itemData(position)

    with qtbot.waitSignal(pane.search_completed, timeout=WAIT_ALL_MS):
        combo.setCurrentIndex(position)
    summaries = every_row(qtbot, window)
    expected = service_more(window, "王", Filters(session_ids=(session_id,)))
    assert pane.model.ids() == expected.ids
    assert 0 < len(summaries) < total
    assert {summary.session for summary in summaries} == {session_name}  # type: ignore[attr-defined]
    assert pane.filter_button.text() == "筛选 (1)"

    clear = pane.findChild(QPushButton, "filterClear")
    assert clear is not None
    with qtbot.waitSignal(pane.search_completed, timeout=WAIT_ALL_MS):
        QTest.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert pane.model.rowCount() == total
    assert pane.filter_button.text() == "筛选"


def test_changing_a_filter_with_an_empty_field_searches_nothing(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.lookup_pane
    qtbot.waitUntil(lambda: pane.filters.level.count() > 1, timeout=WAIT_MS)
    with qtbot.assertNotEmitted(pane.search_started, wait=400):
        pane.filters.level.setCurrentIndex(2)
    assert pane.filters.filters().levels == ("intermediate",)


def matched_rows(window: MainWindow, text: str) -> list[int]:
    model = window.lookup_pane.model
    return [row for row in range(model.rowCount()) if model.index(row, Column.MATCHED).data() == text]


def test_each_row_says_why_it_matched_and_the_surname_is_marked(qtbot: QtBot, window: MainWindow) -> None:
    complete_search(qtbot, window, "王")
    model = window.lookup_pane.model
    index = model.index(0, Column.MATCHED)
    assert index.data() == "姓名（姓氏）"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "姓名（姓氏）"
    name = model.index(0, Column.NAME)
    assert name.data(MARK_ROLE) == ("", "王", str(name.data())[1:])
    assert model.index(0, Column.ID).data(MARK_ROLE) is None
    assert model.headerData(Column.MATCHED, Qt.Orientation.Horizontal) == "匹配"


def test_initials_say_so_and_mark_nothing_in_the_name(qtbot: QtBot, window: MainWindow) -> None:
    assert complete_search(qtbot, window, "wf") > 0
    model = window.lookup_pane.model
    assert model.index(0, Column.MATCHED).data() == "拼音首字母（首字母）"
    assert model.index(0, Column.NAME).data(MARK_ROLE) is None


def test_the_end_of_an_id_number_is_marked_in_the_masked_number(qtbot: QtBot, window: MainWindow) -> None:
    tail = SHOWCASE_ID[-4:]
    assert complete_search(qtbot, window, tail) > 0
    every_row(qtbot, window)
    rows = matched_rows(window, "证件号码（后几位）")
    assert rows
    model = window.lookup_pane.model
    for row in rows:
        masked = str(model.index(row, Column.ID).data())
        assert masked.endswith(tail)
        assert model.index(row, Column.ID).data(MARK_ROLE) == (masked[:-4], tail, "")


def test_the_start_of_a_certificate_number_is_marked(qtbot: QtBot, window: MainWindow) -> None:
    cert_no = str(Certificate.select().first().cert_no)
    db.close()
    start = cert_no[:-2]
    complete_search(qtbot, window, start)
    rows = matched_rows(window, "证书编号（开头一致）")
    assert rows
    index = window.lookup_pane.model.index(rows[0], Column.CERT_NO)
    shown = str(index.data())
    assert index.data(MARK_ROLE) == ("", shown[: len(start)], shown[len(start) :])
    assert shown.startswith(start)


def test_rows_added_after_the_first_page_keep_the_selection(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.lookup_pane
    complete_search(qtbot, window, "王")
    ids = pane.model.ids()
    pane.model.set_ids(ids[:50], fetch=window.desk.lookup.summaries)
    qtbot.waitUntil(lambda: pane.model.index(2, 0).data() != PLACEHOLDER, timeout=WAIT_MS)
    pane.results.selectRow(2)
    with qtbot.assertNotEmitted(pane.model.modelReset):
        pane.model.extend_ids(ids)
    assert pane.model.rowCount() == len(ids)
    assert [index.row() for index in pane.results.selectionModel().selectedRows()] == [2]


def mistyped_cert_no() -> tuple[Certificate, str]:
    """A real 证书编号 with one digit changed, so that it is no certificate's number."""
    for certificate in Certificate.select().limit(50):
        number = str(certificate.cert_no)
        for position in range(len(number) - 1, -1, -1):
            if number[position].isdigit():
                typo = number[:position] + str((int(number[position]) + 1) % 10) + number[position + 1 :]
                taken = Certificate.select().where(
                    (Certificate.cert_no == typo) | (Certificate.management_no == typo)
                )
                if not taken.exists():
                    db.close()
                    return certificate, typo
    raise AssertionError("no number to mistype")


def test_a_mistyped_number_suggests_the_near_miss_and_opening_it_shows_that_certificate(
    qtbot: QtBot, window: MainWindow
) -> None:
    certificate, typo = mistyped_cert_no()
    pane = window.lookup_pane
    assert complete_search(qtbot, window, typo) == 0
    assert pane.model.rowCount() == 0  # offered, never listed as a result
    assert not pane.guidance.isHidden()
    text = pane.guidance_text.text()
    assert "您是不是要找：" in text
    link = f"certificate:{certificate.id}"
    assert link in text
    position = next(i for i, (a, b) in enumerate(zip(typo, certificate.cert_no, strict=True)) if a != b)
    number = str(certificate.cert_no)
    assert f"{number[:position]}<b><u>{number[position]}</u></b>{number[position + 1 :]}" in text

    first_link = int(text.split("href='certificate:", 1)[1].split("'", 1)[0])
    pane.guidance_text.setFocus()  # the keyboard reaches the first link, and Enter follows it
    QTest.keyClick(pane.guidance_text, Qt.Key.Key_Tab)
    with qtbot.waitSignal(window.detail_pane.detail_shown, timeout=WAIT_MS) as opened:
        QTest.keyClick(pane.guidance_text, Qt.Key.Key_Return)
    assert opened.args[0].summary.certificate_id == first_link
    with qtbot.waitSignal(window.detail_pane.detail_shown, timeout=WAIT_MS) as opened:
        pane.guidance_text.linkActivated.emit(link)  # what a click on the link sends
    assert opened.args[0].summary.certificate_id == certificate.id
    assert pane.model.rowCount() == 0


def test_an_identifier_hit_names_the_holder_in_the_summary(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.lookup_pane
    complete_search(qtbot, window, SHOWCASE_ID)
    assert "按证件号码找到：张伟" in pane.summary.text()
    certificate = Certificate.select().first()
    name, cert_no = certificate.holder.name, certificate.cert_no
    db.close()
    complete_search(qtbot, window, cert_no)
    assert pane.summary.text() == f"共 1 条结果 · 按证书编号找到：{name}"


@pytest.mark.parametrize(
    "query",
    ["'; DROP TABLE certificate; --", "张" * 10_000, "\u200b\u200b\u200b", "😀"],
    ids=["sql", "long", "zero-width", "emoji"],
)
def test_hostile_input_gets_a_clear_message_and_no_error_dialog(
    qtbot: QtBot, window: MainWindow, query: str
) -> None:
    pane = window.lookup_pane
    assert complete_search(qtbot, window, query) == 0
    assert pane.model.rowCount() == 0
    assert pane.summary.text() in ("没有找到匹配的证书", "无法查询")
    assert not pane.guidance.isHidden()
    assert pane.guidance_text.text()
    assert Certificate.select().count() > 0
    db.close()


def test_an_index_outside_the_rows_has_no_mark(window: MainWindow) -> None:
    assert window.lookup_pane.model.data(QModelIndex(), MARK_ROLE) is None


def test_exporting_waits_for_every_result_not_only_the_first_page(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.lookup_pane
    pane.input.setText("王")
    pane.search_now()  # nothing of it can have arrived: the answers come through this event loop
    window.show_export()
    assert window.statusBar().currentMessage() == "查询结果仍在载入，请稍候再导出。"
    assert getattr(window, "export_dialog", None) is None
    complete_search(qtbot, window, "王")
    window.show_export()
    qtbot.addWidget(window.export_dialog)
    assert window.export_dialog.results_choice.text() == f"当前查询结果（{pane.model.rowCount()} 张证书）"
    window.export_dialog.close()


def test_the_rest_of_a_search_waits_until_the_typing_pauses(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    pane = window.lookup_pane
    lookup = window.desk.lookup
    asked: list[str] = []
    real_more = lookup.more

    def counted_more(query: str, **options: object) -> More:
        asked.append(query)
        return real_more(query, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(lookup, "more", counted_more)
    pane.input.setFocus()
    with qtbot.waitSignal(pane.search_finished, timeout=WAIT_MS):
        type_with_ime(pane.input, "王")
    assert asked == []  # the first page is shown; its rest waits for the pause
    with qtbot.waitSignal(pane.search_completed, timeout=WAIT_ALL_MS):
        type_with_ime(pane.input, "芳")  # the next key before the pause: the rest of 王 is never asked
    assert asked in ([], ["王芳"])  # 王芳's page may hold every hit, then nothing more is asked
    with qtbot.waitSignal(pane.search_completed, timeout=WAIT_ALL_MS):
        pane.input.setText("王")
        pane.search_now()  # Enter: the rest at once
    assert asked[-1] == "王"
