from django.urls import path

from .views import audit, households, people, posts, public, roles, transfer, tree, units

app_name = "organizations"

urlpatterns = [
    # The tree
    path("org/", tree.NavigatorView.as_view(), name="navigator"),
    path("org/<int:pk>/", tree.NodeDetailView.as_view(), name="node"),
    path("org/<int:pk>/add/", tree.NodeCreateView.as_view(), name="node_create"),
    path("org/<int:pk>/edit/", tree.NodeUpdateView.as_view(), name="node_update"),
    path("org/<int:pk>/map/", tree.NodeMapView.as_view(), name="node_map"),
    # Party members
    path("org/<int:pk>/members/", people.MemberListView.as_view(), name="member_list"),
    path("org/<int:pk>/members/add/", people.MemberCreateView.as_view(), name="member_create"),
    path("members/<int:pk>/", people.MemberDetailView.as_view(), name="member"),
    path("members/<int:pk>/edit/", people.MemberUpdateView.as_view(), name="member_update"),
    path("members/<int:pk>/reveal/", people.MemberRevealView.as_view(), name="member_reveal"),
    # Member units
    path("org/<int:pk>/units/", units.UnitListView.as_view(), name="unit_list"),
    path("org/<int:pk>/units/add/", units.UnitCreateView.as_view(), name="unit_create"),
    path("units/<int:pk>/", units.UnitDetailView.as_view(), name="unit"),
    path("units/<int:pk>/edit/", units.UnitUpdateView.as_view(), name="unit_update"),
    path("units/<int:pk>/link/", units.UnitLinkView.as_view(), name="unit_link"),
    # Households and service recipients
    path("org/<int:pk>/households/", households.HouseholdListView.as_view(), name="household_list"),
    path(
        "org/<int:pk>/households/add/",
        households.HouseholdCreateView.as_view(),
        name="household_create",
    ),
    path(
        "households/<int:pk>/edit/",
        households.HouseholdUpdateView.as_view(),
        name="household_update",
    ),
    path("org/<int:pk>/recipients/", households.RecipientListView.as_view(), name="recipient_list"),
    path(
        "org/<int:pk>/recipients/add/",
        households.RecipientCreateView.as_view(),
        name="recipient_create",
    ),
    path(
        "recipients/<int:pk>/edit/",
        households.RecipientUpdateView.as_view(),
        name="recipient_update",
    ),
    # Rosters in and out of Excel
    path(
        "org/<int:pk>/import/<slug:roster>/",
        transfer.RosterImportView.as_view(),
        name="roster_import",
    ),
    path(
        "org/<int:pk>/import/<slug:roster>/template/",
        transfer.ImportTemplateView.as_view(),
        name="roster_import_template",
    ),
    path(
        "org/<int:pk>/import/<slug:roster>/problems/",
        transfer.ImportErrorsView.as_view(),
        name="roster_import_errors",
    ),
    path(
        "org/<int:pk>/export/<slug:roster>/",
        transfer.RosterExportView.as_view(),
        name="roster_export",
    ),
    # Posts
    path("org/<int:pk>/posts/add/", posts.PostStartView.as_view(), name="post_start"),
    path("posts/<int:pk>/end/", posts.PostEndView.as_view(), name="post_end"),
    # Roles
    path("org/<int:pk>/roles/", roles.NodeRolesView.as_view(), name="node_roles"),
    path("org/<int:pk>/roles/add/", roles.RoleGrantView.as_view(), name="role_grant"),
    path("roles/<int:pk>/end/", roles.RoleEndView.as_view(), name="role_end"),
    # The audit log
    path("audit/", audit.AuditLogView.as_view(), name="audit"),
    # For residents, no login
    path("public/grid/<uuid:public_id>/", public.PublicGridView.as_view(), name="public_grid"),
]
