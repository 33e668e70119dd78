"""The unread count in the top navigation: one COUNT, and only when a page shows it."""

from django.utils.functional import SimpleLazyObject

from . import selectors


def unread(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notices_unread": SimpleLazyObject(lambda: selectors.unread_count(user))}
