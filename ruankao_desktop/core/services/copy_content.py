"""What a verification copy says: the certificate's fields as the records hold them, a new serial and
verification code with its expiry, and the QR payload signed with this centre's key
(docs/domain.md "Verification"). Rendering and recording it is the printing service's business."""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta

from ruankao_desktop.core.domain.codes import ALPHABET, format_code, new_code
from ruankao_desktop.core.messages import Language
from ruankao_desktop.core.pdf.documents.copy import CopyContent
from ruankao_desktop.core.pdf.signing import KeyStore, sign_payload
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.lookup import CertificateSummary

PAYLOAD_VERSION = 1


def new_serial(now: datetime) -> str:
    """`20261129-7KQ2M9XD`: the day, then 8 random characters (unique across desks without a counter)."""
    return f"{now:%Y%m%d}-" + "".join(secrets.choice(ALPHABET) for _ in range(8))


def copy_content(
    summary: CertificateSummary,
    *,
    approved: date | None,
    actor: audit.Actor,
    keys: KeyStore,
    now: datetime,
    valid_days: int,
    lang: Language,
) -> CopyContent:
    """The content of one new copy of the certificate `summary` describes, printed `now` by `actor`."""
    serial, code = new_serial(now), new_code()
    expires = now.date() + timedelta(days=valid_days)
    fields = {
        "v": PAYLOAD_VERSION,
        "k": keys.own_key_id(),
        "s": serial,
        "c": code,
        "t": now.strftime("%Y-%m-%dT%H:%M"),
        "e": expires.isoformat(),
        "n": summary.cert_no,
        "m": summary.management_no,
        "h": summary.name,
        "i": summary.id_masked,
        "q": summary.qualification,
        "l": summary.level,
        "a": approved.isoformat() if approved else "",
        "x": summary.state.value,
    }
    return CopyContent(
        holder_name=summary.name,
        id_masked=summary.id_masked,
        qualification=summary.qualification,
        level=summary.level_text(lang),
        session=summary.session,
        cert_no=summary.cert_no,
        management_no=summary.management_no,
        approved_on=approved.isoformat() if approved else "—",
        issuer=summary.issuer,
        state=summary.state_text(lang),
        serial=serial,
        code=format_code(code),
        printed_at=now,
        expires=expires,
        terminal=actor.terminal,
        operator=actor.user,
        payload=sign_payload(fields, keys.signing_key()),
        lang=lang,
    )
