"""The page-test fixtures (logins, the scene) of the organizations tests, for the project-wide
tests."""

from tests.organizations.conftest import login, scene, secretary  # noqa: F401
