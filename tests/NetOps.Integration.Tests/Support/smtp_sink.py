"""A real SMTP server for the integration tests (aiosmtpd, Debian python3-aiosmtpd) on 127.0.0.1.

Writes every accepted message to DIR as one file (envelope recipients on an X-Test-Envelope-To line, then the
message as received), atomically (a temporary name, then a rename), so that counting *.eml counts accepted messages.
--refuse ADDR=REPLY answers RCPT TO for ADDR with REPLY (e.g. "550 5.1.1 user unknown") every time;
--defer-once ADDR answers RCPT TO for ADDR with 451 the first time and accepts it afterwards.
Prints "READY PORT" when it serves; runs until killed or until stdin closes.
"""
import argparse
import asyncio
import os
import sys
import threading
import time

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, directory, refuse, defer_once):
        self.directory = directory
        self.refuse = refuse
        self.defer_once = defer_once
        self.deferred = set()
        self.count = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        key = address.lower()
        if key in self.refuse:
            return self.refuse[key]
        if key in self.defer_once and key not in self.deferred:
            self.deferred.add(key)
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        name = "%d-%06d" % (time.time_ns(), n)
        tmp = os.path.join(self.directory, name + ".tmp")
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        with open(tmp, "wb") as f:
            f.write(("X-Test-Envelope-To: %s\r\n" % ",".join(envelope.rcpt_tos)).encode("ascii", "replace"))
            f.write(data)
        os.rename(tmp, os.path.join(self.directory, name + ".eml"))
        return "250 2.0.0 Ok: queued as %d" % n


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("--refuse", action="append", default=[])
    p.add_argument("--defer-once", action="append", default=[])
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    refuse = {}
    for r in a.refuse:
        addr, reply = r.split("=", 1)
        refuse[addr.lower()] = reply
    handler = Handler(a.dir, refuse, {d.lower() for d in a.defer_once})
    controller = Controller(handler, hostname="127.0.0.1", port=a.port, server_hostname="sink.test", data_size_limit=10 * 1024 * 1024)
    controller.start()
    print("READY %d" % a.port, flush=True)
    try:
        # Ends when the test closes stdin (or kills the process).
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
