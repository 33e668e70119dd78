import pytest

from tests.elections.builders import build_scene


@pytest.fixture
def scene(tree):
    return build_scene(tree)
