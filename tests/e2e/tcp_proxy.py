"""A small TCP proxy the fault tests put between the servers and PostgreSQL, to pull the plug.

Standard library only (threads). ``down()`` drops every live connection and
refuses new ones (each is accepted and closed at once, as a database that is
restarting or unreachable looks to a client); ``up()`` forwards again;
``drop_connections()`` cuts the live ones but keeps accepting (a database
restart the servers must reconnect after).
"""

from __future__ import annotations

import socket
import threading
from typing import Set, Tuple


class TcpProxy:
    """Forwards 127.0.0.1:``port`` to ``target`` until told otherwise."""

    def __init__(self, target: Tuple[str, int]) -> None:
        self.target = target
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._forwarding = threading.Event()
        self._forwarding.set()
        self._closed = False
        self._lock = threading.Lock()
        self._live: Set[socket.socket] = set()
        self.refused = 0  # connections turned away while down
        threading.Thread(target=self._accept, name="tcp-proxy-accept", daemon=True).start()

    def down(self) -> None:
        """The database is gone: live connections cut, new ones closed as soon as they arrive."""
        self._forwarding.clear()
        self.drop_connections()

    def up(self) -> None:
        self._forwarding.set()

    def drop_connections(self) -> None:
        with self._lock:
            live, self._live = self._live, set()
        for sock in live:
            _close(sock)

    def close(self) -> None:
        self._closed = True
        self.down()
        _close(self._listener)

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if not self._forwarding.is_set():
                self.refused += 1
                _close(client)
                continue
            try:
                server = socket.create_connection(self.target, timeout=5)
                server.settimeout(None)
            except OSError:
                _close(client)
                continue
            with self._lock:
                self._live.update((client, server))
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            with self._lock:
                self._live.discard(source)
                self._live.discard(sink)
            _close(source)
            _close(sink)


def _close(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass


__all__ = ["TcpProxy"]
