"""What a certificate PDF is made of: the theme's own logo and colours."""

import pytest

from certificates.documents import certificate_document

pytestmark = pytest.mark.django_db


def test_the_certificate_carries_the_themes_logo_and_colours(issued):
    document = certificate_document(issued, issued.language)
    assert document.logo_path is not None and document.logo_path.is_file()
    assert document.logo_path.suffix in {".svg", ".png"}
    assert all(value.startswith("#") for value in document.colours.values())
