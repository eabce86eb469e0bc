"""A test SMTP server for Rota's alert e-mail tests (Debian python3-aiosmtpd).

Stores every accepted message in a Maildir (new/), prefixed with an X-Test-Auth-User header naming the
authenticated user (empty when none). Modes: plain (no TLS), starttls (STARTTLS offered and required) and
ssl (implicit TLS). With --user/--password, AUTH PLAIN/LOGIN accepts exactly that pair, only over TLS.
Prints READY once listening; runs until killed.
"""
import argparse
import os
import signal
import ssl
import sys
import threading
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class MaildirHandler:
    def __init__(self, maildir):
        self.maildir = maildir

    async def handle_DATA(self, server, session, envelope):
        user = session.auth_data if isinstance(session.auth_data, str) else ""
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8")
        name = uuid.uuid4().hex
        tmp = os.path.join(self.maildir, "tmp", name)
        with open(tmp, "wb") as f:
            f.write(b"X-Test-Auth-User: " + user.encode("utf-8") + b"\r\n")
            f.write(content)
        os.rename(tmp, os.path.join(self.maildir, "new", name))
        return "250 Message accepted for delivery"


def make_authenticator(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password:
            return AuthResult(success=True, auth_data=user)
        return AuthResult(success=False, handled=False)
    return authenticate


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--maildir", required=True)
    p.add_argument("--mode", choices=["plain", "starttls", "ssl"], default="plain")
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--user")
    p.add_argument("--password")
    a = p.parse_args()

    context = None
    if a.mode != "plain":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(a.cert, a.key)
    kwargs = {}
    if a.user:
        # aiosmtpd only counts STARTTLS as TLS for auth_require_tls; under implicit TLS the whole session is encrypted.
        kwargs.update(authenticator=make_authenticator(a.user, a.password), auth_required=True, auth_require_tls=a.mode == "starttls")
    if a.mode == "starttls":
        kwargs.update(tls_context=context, require_starttls=True)
    elif a.mode == "ssl":
        kwargs.update(ssl_context=context)
    controller = Controller(MaildirHandler(a.maildir), hostname="127.0.0.1", port=a.port, server_hostname="localhost", **kwargs)
    controller.start()
    print("READY", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    sys.exit(main())
