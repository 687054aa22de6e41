"""What a signed copy may be: a PDF, JPEG or PNG of at most 10 MB, judged by its content."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def check_signed_copy(upload: UploadedFile) -> str:
    """The file's real type, or a ValidationError saying why it is refused."""
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The signed copy is empty."))
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The signed copy is larger than 10 MB."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, content_type in SIGNATURES:
        if head.startswith(magic):
            return content_type
    raise ValidationError(_("The signed copy must be a PDF, JPEG or PNG file."))
