"""After an upgrade adds a permission to a role, one command gives it to every holder."""

import io

from django.core.management import call_command

from organizations import access
from organizations.models import Role


def test_a_permission_added_to_a_role_reaches_existing_holders(tree, role_user, monkeypatch):
    secretary = role_user(Role.COMMUNITY_SECRETARY, tree.committee)
    old_table = {**access.ROLE_PERMISSIONS}
    old_table[Role.COMMUNITY_SECRETARY] = old_table[Role.COMMUNITY_SECRETARY] - {
        access.RUN_ELECTIONS
    }
    monkeypatch.setattr(access, "ROLE_PERMISSIONS", old_table)
    access.resync_all_permissions()  # as granted before the upgrade
    assert not access.can(
        type(secretary).objects.get(pk=secretary.pk), access.RUN_ELECTIONS, tree.committee
    )

    monkeypatch.undo()
    call_command("sync_role_permissions", stdout=io.StringIO())
    assert access.can(
        type(secretary).objects.get(pk=secretary.pk), access.RUN_ELECTIONS, tree.committee
    )
