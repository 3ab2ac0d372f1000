"""Every service write leaves exactly one audit event per certificate it acted on, recorded by the service
itself, and reports what it changed (docs/architecture.md "The audit trail", "The change broadcast"). The
list below is every write the services offer; a new one belongs here."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import json
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType

import pytest

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.handover import ByProxy, InPerson
from ruankao_desktop.core.domain.reissue import ReissueKind
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import StaleRecord
from ruankao_desktop.core.pdf.signing import KeyStore
from ruankao_desktop.core.services.announcements import AnnouncementService, Audience
from ruankao_desktop.core.services.arrival import ArrivalService
from ruankao_desktop.core.services.backup import BackupService
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.certificates import CertificateService
from ruankao_desktop.core.services.changes import ChangeKind, change_of
from ruankao_desktop.core.services.demo import DemoSeeder
from ruankao_desktop.core.services.enquiries import Channel, EnquiryService
from ruankao_desktop.core.services.exporting import ExportService
from ruankao_desktop.core.services.handover import HandoverService
from ruankao_desktop.core.services.importing import ImportService
from ruankao_desktop.core.services.keys import KeyService
from ruankao_desktop.core.services.lookup import Criteria, LookupService
from ruankao_desktop.core.services.printing import PrintingService
from ruankao_desktop.core.services.reissue import ReissueService
from ruankao_desktop.core.services.reissue_workflow import ReissueWorkflow
from ruankao_desktop.core.services.revocation import RevocationService
from ruankao_desktop.core.store.models import AuditEvent, Certificate, Holder, PrintRecord
from ruankao_desktop.core.store.search import MatchField
from tests.core.importing.builders import list_rows, write_csv
from tests.core.services.test_reissue import application
from tests.engines import sqlite_only
from tests.helpers import TEST_ACTOR, TODAY
from tests.scans import pdf_scan


@dataclass(frozen=True)
class Write:
    """One service write: how to make it, the audit actions it leaves, the change it reports."""

    run: Callable[[Centre, Path], object]
    actions: tuple[str, ...]
    kind: ChangeKind
    method: str  # Class.method of the service write exercised


def _first(state: CertificateState) -> Certificate:
    ids = LookupService(Settings(), today=lambda: TODAY).search_ids(Criteria(state=state)).ids
    return Certificate.get_by_id(ids[0])


def _printing(tmp: Path) -> PrintingService:
    return PrintingService(Settings(), keys=KeyStore(tmp / "keys"))


def _handover(centre: Centre, tmp: Path) -> object:
    certificate = _first(CertificateState.AWAITING_PICKUP)
    return HandoverService(centre.settings, today=lambda: TODAY).record_self_pickup(
        certificate.id,
        presented_id=certificate.holder.id_number,
        expected_version=certificate.version,
        actor=TEST_ACTOR,
    )


def _handover_by_number(centre: Centre, tmp: Path) -> object:
    certificate = _first(CertificateState.AWAITING_PICKUP)
    return HandoverService(centre.settings, today=lambda: TODAY).record_of(
        certificate.cert_no, InPerson(certificate.holder.id_number), actor=TEST_ACTOR
    )


def _handover_by_proxy(centre: Centre, tmp: Path) -> object:
    certificate = _first(CertificateState.AWAITING_PICKUP)
    other = Holder.select().where(Holder.id != certificate.holder_id).first()
    proxy = ByProxy("李四", other.id_number, pdf_scan(), holder_id_copy=True)
    return HandoverService(centre.settings, today=lambda: TODAY).record(
        certificate.id, proxy, expected_version=certificate.version, actor=TEST_ACTOR
    )


def _handover_undone_by_number(centre: Centre, tmp: Path) -> object:
    certificate = _first(CertificateState.MAILED)
    return HandoverService(centre.settings, today=lambda: TODAY).undo_of(
        certificate.cert_no, reason="登记错了", actor=TEST_ACTOR
    )


def _handover_undone(centre: Centre, tmp: Path) -> object:
    certificate = _first(CertificateState.COLLECTED)
    return HandoverService(centre.settings, today=lambda: TODAY).undo(
        certificate.id, reason="登记错了", expected_version=certificate.version, actor=TEST_ACTOR
    )


def _revoke(centre: Centre, tmp: Path) -> object:
    certificate = _first(CertificateState.COLLECTED)
    return RevocationService().revoke(
        certificate.id, reason="考试机构通知", expected_version=certificate.version, actor=TEST_ACTOR
    )


def _announce(centre: Centre, tmp: Path) -> object:
    return AnnouncementService(today=lambda: TODAY).add(
        "2026年上半年证书已到达", Audience.BOTH, TODAY, TODAY, TEST_ACTOR
    )


def _withdraw(centre: Centre, tmp: Path) -> object:
    service = AnnouncementService(today=lambda: TODAY)
    posted = service.add("2026年上半年证书已到达", Audience.BOTH, TODAY, TODAY, TEST_ACTOR)
    AuditEvent.delete().where(AuditEvent.action == "announcement.add").execute()
    return service.withdraw(posted.shown.id, TEST_ACTOR)


def _arrival(centre: Centre, tmp: Path) -> object:
    waiting = _first(CertificateState.NOT_ARRIVED)
    return ArrivalService(today=lambda: TODAY).mark_arrived(
        waiting.session_id, TODAY, TEST_ACTOR, cert_nos=[waiting.cert_no]
    )


def _deadline(centre: Centre, tmp: Path) -> object:
    return ArrivalService(today=lambda: TODAY).set_pickup_deadline("2026H1", TODAY, "证书晚到", TEST_ACTOR)


def _reveal(centre: Centre, tmp: Path) -> object:
    certificate = Certificate.get_by_id(1)
    return CertificateService(centre.settings).reveal_id(
        1, expected_version=certificate.version, reason="核对号码", actor=TEST_ACTOR
    )


def _draft(centre: Centre, tmp: Path) -> object:
    certificate = _first(CertificateState.COLLECTED)
    app = replace(application(certificate), kind=ReissueKind.LOST, photo=None)
    return ReissueService(today=lambda: TODAY).save_draft(
        app, TEST_ACTOR, expected_version=certificate.version
    )


def _submit(centre: Centre, tmp: Path) -> object:
    certificate = _first(CertificateState.COLLECTED)
    return ReissueService(today=lambda: TODAY).submit(
        application(certificate), TEST_ACTOR, expected_version=certificate.version
    )


def _approved(centre: Centre, tmp: Path) -> str:
    submitted = _submit(centre, tmp)
    AuditEvent.delete().where(AuditEvent.action == "reissue.submit").execute()
    tracking: str = submitted.tracking_no  # type: ignore[attr-defined]
    ReissueWorkflow(centre.settings, today=lambda: TODAY).approve(tracking, TEST_ACTOR)
    AuditEvent.delete().where(AuditEvent.action == "reissue.approve").execute()
    return tracking


def _reported(centre: Centre, tmp: Path) -> str:
    tracking = _approved(centre, tmp)
    ReissueWorkflow(centre.settings, today=lambda: TODAY).report(tmp, TEST_ACTOR)
    AuditEvent.delete().where(AuditEvent.action == "reissue.report").execute()
    return tracking


def _approve(centre: Centre, tmp: Path) -> object:
    submitted = _submit(centre, tmp)
    AuditEvent.delete().where(AuditEvent.action == "reissue.submit").execute()
    tracking: str = submitted.tracking_no  # type: ignore[attr-defined]
    return ReissueWorkflow(centre.settings, today=lambda: TODAY).approve(tracking, TEST_ACTOR)


def _send_back(centre: Centre, tmp: Path) -> object:
    tracking = _approved(centre, tmp)
    return ReissueWorkflow(centre.settings, today=lambda: TODAY).send_back(tracking, "照片不合格", TEST_ACTOR)


def _report(centre: Centre, tmp: Path) -> object:
    _approved(centre, tmp)
    return ReissueWorkflow(centre.settings, today=lambda: TODAY).report(tmp, TEST_ACTOR)


def _new_certificate(centre: Centre, tmp: Path) -> object:
    tracking = _reported(centre, tmp)
    workflow = ReissueWorkflow(centre.settings, today=lambda: TODAY)
    return workflow.new_certificate(tracking, "C26129990001", TEST_ACTOR)


def _new_certificates_from_list(centre: Centre, tmp: Path) -> object:
    tracking = _reported(centre, tmp)
    listed = tmp / "新证清单.csv"
    listed.write_text(f"受理编号,新证书编号\n{tracking},C26129990002\n", encoding="utf-8")
    return ReissueWorkflow(centre.settings, today=lambda: TODAY).new_certificates_from_list(
        listed, TEST_ACTOR
    )


def _enquiry(centre: Centre, tmp: Path) -> object:
    return EnquiryService(today=lambda: TODAY).log(
        channel=Channel.PHONE,
        who="张伟",
        contact="13800138000",
        question="证书什么时候到？",
        cert_no=Certificate.get_by_id(1).cert_no,
        actor=TEST_ACTOR,
    )


def _enquiry_answered(centre: Centre, tmp: Path) -> object:
    logged = _enquiry(centre, tmp)
    AuditEvent.delete().where(AuditEvent.action == "enquiry.log").execute()
    service = EnquiryService(today=lambda: TODAY)
    return service.answer(logged.row.id, answer="已到，请来领取", actor=TEST_ACTOR)  # type: ignore[attr-defined]


def _copy(centre: Centre, tmp: Path) -> object:
    return _printing(tmp).render_copy(1, TEST_ACTOR, expected_version=Certificate.get_by_id(1).version)


def _save(centre: Centre, tmp: Path) -> object:
    printing = _printing(tmp)
    document = printing.render_copy(1, TEST_ACTOR, expected_version=None)
    AuditEvent.delete().where(AuditEvent.action == "print.copy").execute()  # count the saving alone
    return printing.save(document, tmp / "copy.pdf", TEST_ACTOR)


def _to_printer(centre: Centre, tmp: Path) -> object:
    printing = _printing(tmp)
    document = printing.render_copy(1, TEST_ACTOR, expected_version=None)
    AuditEvent.delete().where(AuditEvent.action == "print.copy").execute()
    return printing.record_output(document, TEST_ACTOR, printer="PDF", copies=2)


def _batch(centre: Centre, tmp: Path) -> object:
    return _printing(tmp).render_copies([1, 2, 3], TEST_ACTOR, tmp / "batch.pdf")


def _form(centre: Centre, tmp: Path) -> object:
    submitted = _submit(centre, tmp)
    AuditEvent.delete().where(AuditEvent.action == "reissue.submit").execute()
    return _printing(tmp).render_application_form(submitted.request_id, TEST_ACTOR)  # type: ignore[attr-defined]


def _receipt(centre: Centre, tmp: Path) -> object:
    submitted = _submit(centre, tmp)
    AuditEvent.delete().where(AuditEvent.action == "reissue.submit").execute()
    return _printing(tmp).render_receipt(submitted.request_id, TEST_ACTOR)  # type: ignore[attr-defined]


def _slip(centre: Centre, tmp: Path) -> object:
    certificate = _first(CertificateState.COLLECTED)
    return _printing(tmp).render_handover_slip(certificate.id, TEST_ACTOR)


def _lookup(centre: Centre, tmp: Path) -> object:
    service = LookupService(centre.settings)
    service.queue_lookup(TEST_ACTOR, "张伟", kind=MatchField.NAME, results=2)
    return service.write_queued(TEST_ACTOR)


def _import(centre: Centre, tmp: Path) -> object:
    listed = write_csv(tmp / "list.csv", list_rows(5, prefix="C9911"))
    return ImportService(centre.settings, today=lambda: TODAY).run(listed, actor=TEST_ACTOR)


def _export(centre: Centre, tmp: Path) -> object:
    return ExportService(centre.settings, today=lambda: TODAY).lookup_results(
        [1, 2], path=tmp / "results.xlsx", actor=TEST_ACTOR
    )


def _pickup_list(centre: Centre, tmp: Path) -> object:
    return ExportService(centre.settings, today=lambda: TODAY).pickup_list(
        "2026H1", path=tmp / "pickup.csv", actor=TEST_ACTOR
    )


def _reissue_list(centre: Centre, tmp: Path) -> object:
    return ExportService(centre.settings, today=lambda: TODAY).reissue_requests(
        path=tmp / "reissues.xlsx", actor=TEST_ACTOR
    )


def _import_report(centre: Centre, tmp: Path) -> object:
    listed = write_csv(tmp / "list.csv", list_rows(3, prefix="C9912"))
    preview = ImportService(centre.settings, today=lambda: TODAY).preview(listed)
    return ExportService(centre.settings).import_errors(preview, path=tmp / "report.xlsx", actor=TEST_ACTOR)


def _backup(centre: Centre, tmp: Path) -> object:
    return BackupService(centre.opened).backup(tmp / "backup.db", TEST_ACTOR)


def _restore(centre: Centre, tmp: Path) -> object:
    service = BackupService(centre.opened)
    service.backup(tmp / "backup.db", TEST_ACTOR)
    return service.restore(tmp / "backup.db", TEST_ACTOR)


def _other_centres_key(tmp: Path) -> tuple[KeyStore, Path]:
    """This desk's key store and another centre's exported public key."""
    exported = tmp / "other.pem"
    KeyStore(tmp / "other").export_public(exported)
    return KeyStore(tmp / "keys"), exported


def _key_import(centre: Centre, tmp: Path) -> object:
    keys, exported = _other_centres_key(tmp)
    return KeyService(keys).import_key(exported, name="海淀考点", actor=TEST_ACTOR)


def _key_rename(centre: Centre, tmp: Path) -> object:
    keys, exported = _other_centres_key(tmp)
    key_id = keys.import_public(exported, name="海淀考点")
    return KeyService(keys).rename(key_id, name="海淀区考点", actor=TEST_ACTOR)


def _key_remove(centre: Centre, tmp: Path) -> object:
    keys, exported = _other_centres_key(tmp)
    return KeyService(keys).remove(keys.import_public(exported, name="海淀考点"), actor=TEST_ACTOR)


WRITES = {
    "handover": Write(
        _handover, ("handover.self",), ChangeKind.HANDOVER, "HandoverService.record_self_pickup"
    ),
    "handover by number": Write(
        _handover_by_number, ("handover.self",), ChangeKind.HANDOVER, "HandoverService.record_of"
    ),
    "handover by proxy": Write(
        _handover_by_proxy, ("handover.proxy",), ChangeKind.HANDOVER, "HandoverService.record"
    ),
    "handover undone": Write(
        _handover_undone, ("handover.undo",), ChangeKind.HANDOVER, "HandoverService.undo"
    ),
    "handover undone by number": Write(
        _handover_undone_by_number, ("handover.undo",), ChangeKind.HANDOVER, "HandoverService.undo_of"
    ),
    "revocation": Write(_revoke, ("certificate.revoke",), ChangeKind.REVOKE, "RevocationService.revoke"),
    "announcement": Write(
        _announce, ("announcement.add",), ChangeKind.ANNOUNCEMENT, "AnnouncementService.add"
    ),
    "announcement withdrawn": Write(
        _withdraw, ("announcement.withdraw",), ChangeKind.ANNOUNCEMENT, "AnnouncementService.withdraw"
    ),
    "arrival": Write(_arrival, ("arrival",), ChangeKind.ARRIVAL, "ArrivalService.mark_arrived"),
    "pickup deadline": Write(
        _deadline, ("session.deadline",), ChangeKind.SESSION, "ArrivalService.set_pickup_deadline"
    ),
    "reveal": Write(_reveal, ("id.reveal",), ChangeKind.REVEAL, "CertificateService.reveal_id"),
    "reissue draft": Write(_draft, ("reissue.draft",), ChangeKind.REISSUE_DRAFT, "ReissueService.save_draft"),
    "reissue submit": Write(_submit, ("reissue.submit",), ChangeKind.REISSUE_SUBMIT, "ReissueService.submit"),
    "reissue approved": Write(
        _approve, ("reissue.approve",), ChangeKind.REISSUE_STEP, "ReissueWorkflow.approve"
    ),
    "reissue returned": Write(
        _send_back, ("reissue.return",), ChangeKind.REISSUE_STEP, "ReissueWorkflow.send_back"
    ),
    "reissue reported": Write(
        _report, ("reissue.report",), ChangeKind.REISSUE_STEP, "ReissueWorkflow.report"
    ),
    "reissue's new certificate": Write(
        _new_certificate,
        ("reissue.new_certificate",),
        ChangeKind.REISSUE_STEP,
        "ReissueWorkflow.new_certificate",
    ),
    "reissue's new certificates from a list": Write(
        _new_certificates_from_list,
        ("reissue.new_certificate",),
        ChangeKind.REISSUE_STEP,
        "ReissueWorkflow.new_certificates_from_list",
    ),
    "enquiry": Write(_enquiry, ("enquiry.log",), ChangeKind.ENQUIRY, "EnquiryService.log"),
    "enquiry answered": Write(
        _enquiry_answered, ("enquiry.answer",), ChangeKind.ENQUIRY, "EnquiryService.answer"
    ),
    "copy": Write(_copy, ("print.copy",), ChangeKind.PRINT, "PrintingService.render_copy"),
    "copy saved": Write(_save, ("print.output",), ChangeKind.PRINT_OUTPUT, "PrintingService.save"),
    "copy printed": Write(
        _to_printer, ("print.output",), ChangeKind.PRINT_OUTPUT, "PrintingService.record_output"
    ),
    "batch of three": Write(_batch, ("print.copy",) * 3, ChangeKind.PRINT, "PrintingService.render_copies"),
    "application form": Write(
        _form, ("print.application_form",), ChangeKind.PRINT, "PrintingService.render_application_form"
    ),
    "receipt": Write(_receipt, ("print.receipt",), ChangeKind.PRINT, "PrintingService.render_receipt"),
    "handover slip": Write(
        _slip, ("print.handover_slip",), ChangeKind.PRINT, "PrintingService.render_handover_slip"
    ),
    "lookup": Write(_lookup, ("lookup",), ChangeKind.LOOKUP, "LookupService.write_queued"),
    "import": Write(_import, ("import",), ChangeKind.IMPORT, "ImportService.run"),
    "export of results": Write(
        _export, ("export.lookup",), ChangeKind.EXPORT, "ExportService.lookup_results"
    ),
    "export of a pickup list": Write(
        _pickup_list, ("export.pickup",), ChangeKind.EXPORT, "ExportService.pickup_list"
    ),
    "export of reissues": Write(
        _reissue_list, ("export.reissues",), ChangeKind.EXPORT, "ExportService.reissue_requests"
    ),
    "import report": Write(
        _import_report, ("export.import_errors",), ChangeKind.EXPORT, "ExportService.import_errors"
    ),
    "backup": Write(_backup, ("db.backup",), ChangeKind.BACKUP, "BackupService.backup"),
    # The restored content ends where the backup was taken (before its own event), then the restore's.
    "restore": Write(_restore, ("db.restore",), ChangeKind.RESTORE, "BackupService.restore"),
    "key imported": Write(_key_import, ("keys.import",), ChangeKind.KEYS, "KeyService.import_key"),
    "key renamed": Write(_key_rename, ("keys.rename",), ChangeKind.KEYS, "KeyService.rename"),
    "key removed": Write(_key_remove, ("keys.remove",), ChangeKind.KEYS, "KeyService.remove"),
}
# Exercised by a test of its own below (it needs an empty database).
SEPARATELY = {"DemoSeeder.run"}


def change_carrying_types() -> set[str]:
    """The names of the result types that report a change: `Changed`, and every dataclass of the core
    with a `changed` field."""
    names = {"Changed"}
    for module in walk_core():
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and dataclasses.is_dataclass(value)
                and "changed" in {f.name for f in dataclasses.fields(value)}
            ):
                names.add(value.__name__)
    return names


def walk_core() -> list[ModuleType]:
    from ruankao_desktop import core

    return [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(core.__path__, prefix="ruankao_desktop.core.")
    ]


def service_writes() -> set[str]:
    """Every public method of a service class whose declared result reports a change."""
    carrying = change_carrying_types()
    found = set()
    for module in walk_core():
        if not module.__name__.startswith("ruankao_desktop.core.services."):
            continue
        for cls in vars(module).values():
            if not inspect.isclass(cls) or cls.__module__ != module.__name__:
                continue
            for name, member in vars(cls).items():
                returned = inspect.signature(member).return_annotation if inspect.isfunction(member) else ""
                if not name.startswith("_") and str(returned) in carrying:
                    found.add(f"{cls.__name__}.{name}")
    return found


def test_every_service_write_is_in_the_list_above() -> None:
    exercised = {write.method for write in WRITES.values()} | SEPARATELY
    discovered = service_writes()
    assert len(discovered) >= len(WRITES)  # the discovery itself finds what it should
    assert discovered == exercised


# `db backup` and `restore` copy a SQLite file; a server is backed up with pg_dump (admin guide).
ON_FILES_ONLY = sqlite_only("backup and restore copy the SQLite file; a server is backed up with pg_dump")


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=ON_FILES_ONLY) if n in ("backup", "restore") else n for n in WRITES]
)
def test_a_write_leaves_its_audit_events_and_reports_its_change(
    name: str, demo_centre: Centre, tmp_path: Path
) -> None:
    write = WRITES[name]
    last = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
    result = write.run(demo_centre, tmp_path)
    after = AuditEvent.select().where(AuditEvent.id > (last.id if last else 0)).order_by(AuditEvent.id)
    assert tuple(event.action for event in after) == write.actions
    change = change_of(result)
    assert change is not None
    assert change.kind is write.kind
    assert change.actor == TEST_ACTOR


def test_a_copy_of_a_certificate_changed_since_it_was_shown_is_refused_and_not_recorded(
    demo_centre: Centre, tmp_path: Path
) -> None:
    certificate = _first(CertificateState.AWAITING_PICKUP)
    seen = certificate.version
    _handover(demo_centre, tmp_path)  # another desk, meanwhile
    events, prints = AuditEvent.select().count(), PrintRecord.select().count()
    with pytest.raises(StaleRecord) as caught:
        _printing(tmp_path).render_copy(certificate.id, TEST_ACTOR, expected_version=seen)
    assert caught.value.message() == (
        f"证书 {certificate.cert_no} 的这条记录刚被另一个窗口修改，本次操作未执行，"
        "已重新显示最新记录。请核对后再操作。"
    )
    assert (AuditEvent.select().count(), PrintRecord.select().count()) == (events, prints)


@pytest.mark.parametrize("action", ["reveal", "draft", "submit"])
def test_other_actions_on_a_stale_certificate_are_refused_and_write_nothing(
    action: str, demo_centre: Centre, tmp_path: Path
) -> None:
    certificate = _first(CertificateState.COLLECTED)
    stale = certificate.version - 1
    events = AuditEvent.select().count()
    calls: dict[str, Callable[[], object]] = {
        "reveal": lambda: CertificateService(demo_centre.settings).reveal_id(
            certificate.id, expected_version=stale, reason="核对号码", actor=TEST_ACTOR
        ),
        "draft": lambda: ReissueService(today=lambda: TODAY).save_draft(
            application(certificate), TEST_ACTOR, expected_version=stale
        ),
        "submit": lambda: ReissueService(today=lambda: TODAY).submit(
            application(certificate), TEST_ACTOR, expected_version=stale
        ),
    }
    with pytest.raises(StaleRecord):
        calls[action]()
    assert AuditEvent.select().count() == events
    assert Certificate.get_by_id(certificate.id).version == certificate.version


def test_seeding_leaves_one_audit_event_and_reports_a_change_of_everything(empty_centre: Centre) -> None:
    report = DemoSeeder(count=50, seed=3, today=TODAY).run(TEST_ACTOR)
    assert [event.action for event in AuditEvent.select()] == ["demo.seed"]
    assert json.loads(AuditEvent.get().details) == report.counts()
    change = change_of(report)
    assert change is not None
    assert (change.kind, change.everything) == (ChangeKind.SEED, True)
