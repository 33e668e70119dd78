import pytest

from tests.organizations.conftest import login, office, scene, secretary  # noqa: F401


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
