"""What every pane is given (dependencies passed in, no globals): the services, the runner (which also
carries the one "changed" broadcast), the language and the acting user."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.services.announcements import AnnouncementService
from ruankao_desktop.core.services.arrival import ArrivalService
from ruankao_desktop.core.services.audit import Actor
from ruankao_desktop.core.services.certificates import CertificateService
from ruankao_desktop.core.services.enquiries import EnquiryService
from ruankao_desktop.core.services.handover import HandoverService
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.services.overview import OverviewService
from ruankao_desktop.core.services.reissue import ReissueService
from ruankao_desktop.core.services.reissue_workflow import ReissueWorkflow
from ruankao_desktop.core.services.session_sheet import SessionSheetService
from ruankao_desktop.core.services.validity import ValidityService
from ruankao_desktop.ui.i18n import I18n
from ruankao_desktop.ui.workers import TaskRunner

if TYPE_CHECKING:
    from ruankao_desktop.core.services.printing import PrintingService


@dataclass
class DeskContext:
    runner: TaskRunner
    i18n: I18n
    settings: Settings
    actor: Actor
    today: Callable[[], date] = date.today
    lookup: LookupService = field(init=False)
    certificates: CertificateService = field(init=False)
    handover: HandoverService = field(init=False)
    reissue: ReissueService = field(init=False)
    reissues: ReissueWorkflow = field(init=False)  # the workflow after submission
    announcements: AnnouncementService = field(init=False)
    enquiries: EnquiryService = field(init=False)
    overview: OverviewService = field(init=False)
    validity: ValidityService = field(init=False)
    arrival: ArrivalService = field(init=False)
    sessions: SessionSheetService = field(init=False)  # a session's dates, counts and certificates

    def __post_init__(self) -> None:
        self.lookup = LookupService(self.settings, today=self.today)
        self.certificates = CertificateService(self.settings, today=self.today)
        self.handover = HandoverService(self.settings, today=self.today)
        self.reissue = ReissueService(today=self.today)
        self.reissues = ReissueWorkflow(self.settings, today=self.today)
        self.announcements = AnnouncementService(today=self.today)
        self.enquiries = EnquiryService(today=self.today)
        self.overview = OverviewService(self.settings, today=self.today)
        self.validity = ValidityService(self.settings, today=self.today)
        self.arrival = ArrivalService(today=self.today)
        self.sessions = SessionSheetService(self.settings, today=self.today)

    @cached_property
    def printing(self) -> PrintingService:
        """Built on first use: ReportLab, pypdf and the signing code stay out of the window's start."""
        from ruankao_desktop.core.services.printing import PrintingService

        return PrintingService(self.settings)
