from tests.organizations.conftest import login, scene, secretary  # noqa: F401
