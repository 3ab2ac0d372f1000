"""Errors a user or the environment can cause, each carrying a message in Chinese and English.

`KnownError` is the one base class the CLI and GUI catch to show a message instead of a traceback; anything
else is a bug and is logged. Messages live in `core.messages`, keyed by `code`, so both faces show the same
words.
"""

from __future__ import annotations

from typing import Any

from ruankao_desktop.core.messages import Language, render


class KnownError(Exception):
    """A failure with a message for the person in front of the screen.

    `exit_code` follows docs/architecture.md "The command line": 2 usage, 3 invalid input or a problem found.
    """

    exit_code = 3

    def __init__(self, code: str, /, **params: Any) -> None:
        self.code = code
        self.params = params
        # The exception text is the message itself (Chinese), never raw user input such as an ID number.
        super().__init__(render(code, "zh", **params))

    def message(self, lang: Language = "zh") -> str:
        return render(self.code, lang, **self.params)

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its code and parameters when it crosses to another process (batch printing's
        # workers): subclasses' constructors take other arguments.
        return (_rebuild, (type(self), self.code, self.params))


def _rebuild(cls: type[KnownError], code: str, params: dict[str, Any]) -> KnownError:
    error = cls.__new__(cls)
    error.code, error.params = code, params
    Exception.__init__(error, error.message("zh"))
    return error


class InvalidInput(KnownError):
    """Input that breaks a domain rule: a bad ID number, an empty name, an unknown qualification."""


class StaleRecord(KnownError):
    """The certificate changed since the clerk saw it (another desk wrote in between): nothing was done,
    and the window shows the record again as it is now (docs/architecture.md "Acting on the right
    certificate")."""

    def __init__(self, cert_no: str) -> None:
        super().__init__("certificate.stale", cert_no=cert_no)


class AlreadyHandedOver(StaleRecord):
    """Another desk recorded the certificate's handover first (at the same moment, or since it was
    shown): nothing was recorded here; the message says who recorded it, at which desk and when, and the
    window shows the record again."""

    def __init__(
        self, cert_no: str, *, method: str, receiver: str, operator: str, terminal: str, at: str
    ) -> None:
        KnownError.__init__(
            self,
            "handover.already_recorded",
            cert_no=cert_no,
            method=method,
            receiver=receiver,
            operator=operator,
            terminal=terminal,
            at=at,
        )


class UsageError(KnownError):
    """The command was called the wrong way (an empty query, a missing option)."""

    exit_code = 2


class StoreError(KnownError):
    """The database cannot be used: missing folder, not a database, newer schema, failed backup."""
