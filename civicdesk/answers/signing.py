"""Signing the official answer letter with the agency's key (PAdES, pyHanko) and verifying a signed
letter, as the public page shows it: signer, signing time, intact or not, trusted or not.

The key and certificate are files on the server named per agency in the admin
(`answers.SigningIdentity`: PEM or DER; an encrypted key's passphrase comes from the environment
variable the identity names). The verifier trusts the identity's root certificate(s) — the
certification authority that issued the agency's certificate. pyHanko is imported on first use:
a web process that never signs does not load it."""

import io
import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _


class SigningError(ValueError):
    """The agency cannot sign (no key, unreadable key, wrong passphrase); the message is for the user."""


@dataclass(frozen=True)
class Verdict:
    """What a verifier says of a signed PDF."""

    intact: bool  # the signed bytes are unchanged and the signature matches them
    trusted: bool  # the signer's certificate chains to a trusted root
    whole_file: bool  # nothing was added after the signature
    signer: str
    signed_at: datetime | None
    problem: str = ""

    @property
    def valid(self) -> bool:
        return self.intact and self.trusted and self.whole_file


def load_signer(key_path: str, cert_path: str, chain_paths: list[str], passphrase_env: str = "") -> Any:
    """A pyHanko signer from the agency's files."""
    from pyhanko.sign import signers

    passphrase = os.environ.get(passphrase_env, "").encode() if passphrase_env else None
    try:
        signer = signers.SimpleSigner.load(key_path, cert_path, ca_chain_files=tuple(chain_paths),
                                           key_passphrase=passphrase or None)
    except (OSError, ValueError, TypeError) as exc:
        raise SigningError(_("Không đọc được khóa hoặc chứng thư số của đơn vị: %(error)s") % {"error": exc}) from None
    if signer is None:
        raise SigningError(_("Không đọc được khóa hoặc chứng thư số của đơn vị."))
    return signer


def sign(pdf: bytes, signer: Any, *, reason: str, location: str) -> bytes:
    """The PDF with one PAdES baseline signature (SHA-256) over the whole file."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    metadata = signers.PdfSignatureMetadata(
        field_name="ChuKySo", subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
        reason=reason, location=location)
    return signers.sign_pdf(writer, metadata, signer=signer).getvalue()


def load_certificates(paths: list[str]) -> list[Any]:
    """Certificates (PEM or DER files, several PEM blocks allowed) as pyHanko's verifier takes them."""
    from pyhanko.keys import load_certs_from_pemder

    try:
        return list(load_certs_from_pemder(paths))
    except (OSError, ValueError) as exc:
        raise SigningError(_("Không đọc được chứng thư gốc: %(error)s") % {"error": exc}) from None


def verify(pdf: bytes, trust_roots: list[Any]) -> Verdict:
    """Check the last signature of `pdf` against `trust_roots`. A damaged or unsigned file is a
    verdict with its problem, never an exception."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
        if not signatures:
            return Verdict(False, False, False, "", None, _("Tệp không có chữ ký số."))
        status = validate_pdf_signature(signatures[-1], ValidationContext(trust_roots=trust_roots))
    except Exception as exc:
        return Verdict(False, False, False, "", None, _("Không kiểm tra được chữ ký: %(error)s") % {
            "error": type(exc).__name__})
    signer = status.signing_cert.subject.native.get("common_name", "") or status.signing_cert.subject.human_friendly
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    problem = ""
    if not status.intact or not status.valid:
        problem = _("Nội dung văn bản đã bị thay đổi sau khi ký.")
    elif not status.trusted:
        problem = _("Chứng thư của người ký không do tổ chức được tin cậy cấp.")
    elif not whole:
        problem = _("Có nội dung được thêm vào sau chữ ký.")
    return Verdict(intact=bool(status.intact and status.valid), trusted=bool(status.trusted), whole_file=whole,
                   signer=str(signer), signed_at=status.signer_reported_dt, problem=problem)
