"""`print`, `verify` and `keys`: verifiable certificate copies from a terminal (docs/architecture.md
"The command line")."""

from __future__ import annotations

import argparse
from pathlib import Path

from ruankao_desktop.commands.common import EXIT_OK, EXIT_PROBLEM, Output, Subparsers, file_path, non_empty
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import KnownError, UsageError
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.lookup import Criteria, LookupService
from ruankao_desktop.core.services.sessions import find_session


def register(commands: Subparsers) -> None:
    printing = commands.add_parser("print", help="verification copies (核验件) as PDF")
    printing.add_argument("cert_no", nargs="*", help="证书编号 of the certificates to print")
    printing.add_argument("-o", "--output", type=file_path, required=True, help="the PDF (or .zip) to write")
    printing.add_argument(
        "--session", type=non_empty, help="every certificate of this session (e.g. 2026H1) …"
    )
    printing.add_argument(
        "--state",
        choices=[state.value for state in CertificateState],
        help="… in this state (e.g. awaiting_pickup)",
    )
    printing.set_defaults(handler=cmd_print)

    verify = commands.add_parser("verify", help="check a copy: QR text, verification code or PDF")
    verify.add_argument("text_or_pdf", help="the QR content, the 16-character code, or a PDF file")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=cmd_verify)

    keys = commands.add_parser("keys", help="this centre's signing key and the centres it trusts")
    key_commands = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    key_commands.add_parser("list", help="the keys whose copies this desk accepts").set_defaults(
        handler=cmd_keys_list
    )
    export = key_commands.add_parser("export", help="write this centre's public key for other centres")
    export.add_argument("path", type=file_path)
    export.set_defaults(handler=cmd_keys_export)
    trust = key_commands.add_parser("import", help="trust another centre's public key")
    trust.add_argument("path", type=file_path)
    trust.add_argument("--name", required=True, type=non_empty, help="which centre it is, e.g. 海淀考点")
    trust.set_defaults(handler=cmd_keys_import)
    rename = key_commands.add_parser("rename", help="give a trusted centre's key another name")
    rename.add_argument("key_id", help="the key id, as keys list shows it")
    rename.add_argument("--name", required=True, type=non_empty, help="the centre's new name")
    rename.set_defaults(handler=cmd_keys_rename)
    remove = key_commands.add_parser("remove", help="stop trusting a centre's key")
    remove.add_argument("key_id", help="the key id, as keys list shows it")
    remove.set_defaults(handler=cmd_keys_remove)


def _selected_ids(args: argparse.Namespace, centre: Centre) -> list[int]:
    lookup = LookupService(centre.settings)
    ids: list[int] = []
    for cert_no in args.cert_no:
        found = lookup.by_cert_no(cert_no.strip().upper())
        if not found:
            raise KnownError("print.no_certificate", cert_no=cert_no)
        ids.append(found[0].certificate_id)
    if args.session or args.state:
        session = find_session(args.session) if args.session else None
        if args.session and session is None:
            raise UsageError("print.no_session", session=args.session)
        criteria = Criteria(
            session_id=session.id if session else None,
            state=CertificateState(args.state) if args.state else None,
        )
        ids.extend(i for i in lookup.search_ids(criteria).ids if i not in ids)
    if not ids:
        raise UsageError("print.nothing_selected")
    return ids


# The services are imported by the commands that use them: ReportLab, pypdf and the signing code load
# only when printing or verifying, not for every command (nor for the window's start).


def cmd_print(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    from ruankao_desktop.core.services.print_files import check_target
    from ruankao_desktop.core.services.printing import PrintingService

    target: Path = args.output.expanduser().absolute()
    check_target(target)  # before a copy is recorded for a file that could not be written
    ids = _selected_ids(args, centre)
    service = PrintingService(centre.settings)
    if len(ids) == 1 and target.suffix.lower() != ".zip":
        document = service.render_copy(ids[0], centre.actor, expected_version=None, lang=out.lang)
        service.save(document, target, centre.actor)
        out.say(
            "print.written",
            path=str(target),
            serial=document.serial,
            code=document.code or "",
            expires=document.expires.isoformat() if document.expires else "",
        )
        return EXIT_OK

    def progress(done: int, total: int) -> None:
        out.warn(render("print.progress", out.lang, done=done, total=total))

    batch = service.render_copies(
        ids, centre.actor, target, as_zip=target.suffix.lower() == ".zip", lang=out.lang, progress=progress
    )
    out.say("print.batch_written", path=str(target), count=batch.count)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    from ruankao_desktop.core.services.verification import VerificationService

    service = VerificationService(centre.settings)
    candidate = Path(args.text_or_pdf)
    is_pdf = candidate.suffix.lower() == ".pdf" and candidate.is_file()
    result = service.verify_pdf(candidate) if is_pdf else service.verify(args.text_or_pdf)
    if out.as_json:
        out.json(result.as_json(out.lang))
    else:
        print(result.message(out.lang))
        for line in result.checks(out.lang):
            print(line)
        fields = result.fields
        if fields:
            print(
                f"{fields.get('h', '')}  {fields.get('i', '')}  {fields.get('q', '')}  {fields.get('n', '')}"
            )
        state = result.current_state(out.lang)
        if state:
            print(state)
    return EXIT_OK if result.ok else EXIT_PROBLEM


def cmd_keys_list(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    from ruankao_desktop.core.services.keys import KeyService

    for key in KeyService().list():
        print(
            render(
                "keys.listed",
                out.lang,
                key_id=key.key_id,
                name=key.label(out.lang),
                fingerprint=key.fingerprint,
            )
        )
    return EXIT_OK


def cmd_keys_export(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    from ruankao_desktop.core.services.keys import KeyService

    target: Path = args.path.expanduser().absolute()
    identifier = KeyService().export_public(target)
    out.say("keys.exported", path=str(target), key_id=identifier)
    return EXIT_OK


def cmd_keys_import(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    from ruankao_desktop.core.services.keys import KeyService

    imported = KeyService().import_key(args.path.expanduser(), name=args.name, actor=centre.actor)
    out.say("keys.imported", key_id=imported.key_id, name=imported.name)
    return EXIT_OK


def cmd_keys_rename(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    from ruankao_desktop.core.services.keys import KeyService

    renamed = KeyService().rename(args.key_id, name=args.name, actor=centre.actor)
    out.say("keys.renamed", key_id=renamed.key_id, name=renamed.name)
    return EXIT_OK


def cmd_keys_remove(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    from ruankao_desktop.core.services.keys import KeyService

    removed = KeyService().remove(args.key_id, actor=centre.actor)
    out.say("keys.removed", key_id=removed.key_id, name=removed.name)
    return EXIT_OK
