from django import template

from organizations import access

register = template.Library()


@register.simple_tag
def may_see_board(user) -> bool:
    """Whether the navigation shows the theme party day board: street and district staff.

    They are the holders of decide_filings (a street's or district's permission, ROLE_PERMISSIONS);
    the user's ranges are memoised for the request, so the navigation costs no extra query. The
    board itself checks VIEW on the street or district it shows.
    """
    if not user.is_authenticated:
        return False
    return access.holds_anywhere(user, access.DECIDE_FILINGS)
