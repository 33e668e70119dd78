"""The page-test fixtures (logins) of the organizations tests, for the project-wide tests."""

from tests.organizations.conftest import login, secretary  # noqa: F401
