"""The audit log records the client's address, through nginx only when told it is there."""

from django.test import RequestFactory

from organizations.views.base import client_ip


def test_without_a_proxy_the_socket_address_counts(settings):
    settings.BEHIND_PROXY = False
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.1.1", HTTP_X_REAL_IP="6.6.6.6")
    assert client_ip(request) == "10.1.1.1"


def test_behind_nginx_the_real_ip_header_counts(settings):
    settings.BEHIND_PROXY = True
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="192.0.2.7")
    assert client_ip(request) == "192.0.2.7"
