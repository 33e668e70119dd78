"""Helpers of the page tests."""

import io

from django.test import Client


def log_in(client: Client, user) -> Client:
    """Log `user` in on `client`, as stored.

    UserFactory sets the password after saving and does not save again, so the object in
    hand has a password hash the database lacks; a session made from it would be dropped
    on the next request. Reloading the user gives the session the stored hash.
    """
    client.force_login(type(user).objects.get(pk=user.pk))
    return client


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def text(response) -> str:
    return response.content.decode()
