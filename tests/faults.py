"""A misbehaving web server on 127.0.0.1: one path per fault that real servers commit."""

import gzip
import socket
import struct
import time

from conftest import PageHandler, Server

POLICY = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Policy</title></head>
<body><main><h1>Privacy Policy</h1>
<h2>What we collect</h2><p>We collect your name and your e-mail address when you sign up.</p>
<h2>Sharing</h2><p>We share data with our payment processor only.</p>
<p>Questions go to our café in Zürich, by post.</p>
</main></body></html>"""

CHALLENGE = """<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>
<main><h1>Checking if the site connection is secure</h1>
<p>Enable JavaScript and cookies to continue. Verify you are human by completing the action below.</p>
<div id="challenge-form"></div></main></body></html>"""

LOGIN = """<!DOCTYPE html><html><body><main><h1>Log in</h1><form><input name=user>
<input name=password type=password></form><p>Please log in to continue to your account.</p></main></body></html>"""

HOME = """<!DOCTYPE html><html><body><main><h1>Welcome to Acme</h1><p>The best phones in the world.</p></main></body></html>"""


class Handler(PageHandler):
    protocol_version = "HTTP/1.1"
    content_type = "text/html; charset=utf-8"

    def do_GET(self):
        path = self.path.split("?")[0]
        name, _, arg = path.strip("/").partition("/")
        handler = getattr(self, "fault_" + name.replace("-", "_"), None)
        if handler is None:
            self.send_body(404, b"<html><body>not found</body></html>")
        else:
            handler(arg)

    def fault_ok(self, arg):
        self.send_body(200, POLICY.encode())

    def fault_robots_txt(self, arg):
        self.send_body(404, b"")

    def fault_status(self, arg):
        self.send_body(int(arg), f"<html><body><h1>Error {arg}</h1></body></html>".encode())

    def fault_retry_after(self, arg):
        self.send_body(503, b"<html><body>busy</body></html>", headers=[("Retry-After", "1")])

    def fault_challenge(self, arg):
        self.send_body(200, CHALLENGE.encode())

    def fault_login_redirect(self, arg):
        self.send_body(302, b"", headers=[("Location", "/login")])

    def fault_login(self, arg):
        self.send_body(200, LOGIN.encode())

    def fault_home_redirect(self, arg):
        self.send_body(302, b"", headers=[("Location", "/")])

    def fault_(self, arg):  # the home page
        self.send_body(200, HOME.encode())

    def fault_redirect_loop(self, arg):
        self.send_body(302, b"", headers=[("Location", "/redirect-loop")])

    def fault_redirect_file(self, arg):
        self.send_body(302, b"", headers=[("Location", "file:///etc/passwd")])

    def fault_reset(self, arg):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self.wfile.write(POLICY.encode()[:200])
        self.wfile.flush()
        # SO_LINGER 0: close with a TCP reset, mid-body.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True

    def fault_hang(self, arg):
        time.sleep(30)

    def fault_drip(self, arg):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        for _ in range(30):
            try:
                self.wfile.write(b"<")
                self.wfile.flush()
            except OSError:
                return
            time.sleep(1)

    def fault_big(self, arg):
        filler = b"<p>" + b"x" * 1000 + b"</p>\n"
        body = POLICY.encode().replace(b"</main>", filler * (3 * 1024) + b"</main>")  # ~3 MB
        self.send_body(200, body)

    def fault_gzip_bomb(self, arg):
        body = gzip.compress(b"<html><body><p>" + b"a" * (200 * 1024 * 1024) + b"</p></body></html>", 9)
        self.send_body(200, body, headers=[("Content-Encoding", "gzip")])

    def fault_latin1_as_utf8(self, arg):
        self.send_body(200, POLICY.replace('<meta charset="utf-8">', "").encode("latin-1"))

    def fault_utf16(self, arg):
        self.send_body(200, POLICY.replace('<meta charset="utf-8">', "").encode("utf-16"),
                       content_type="text/html")

    def fault_empty(self, arg):
        self.send_body(200, b"")

    def fault_deep(self, arg):
        body = "<html><body><main><h1>Deep</h1>" + "<div>" * 10000 + "<p>Deep text here.</p>" + "</div>" * 10000
        self.send_body(200, (body + "</main></body></html>").encode())

    def fault_unclosed(self, arg):
        body = "<html><body><main><h1>Privacy<h2>What we collect<p>We collect your name.<p>And <b>your <i>e-mail address.<ul><li>one<li>two"
        self.send_body(200, body.encode())

    def fault_binary(self, arg):
        self.send_body(200, bytes(range(256)) * 100, content_type="application/octet-stream")


class FaultServer(Server):
    def __init__(self):
        super().__init__(Handler)
