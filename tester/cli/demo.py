"""`ashyq demo`: serve the bundled demo site for a person to browse."""

from __future__ import annotations

import argparse
import time

from tester.cli.exits import EXIT_OK, UsageError
from tester.demo import DEMO_PORT


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = sub.add_parser("demo", help="serve the bundled demo site for a person to browse")
    demo.add_argument("--port", type=int, default=DEMO_PORT)
    demo.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    from tester.demo import serve_site

    try:
        server = serve_site(port=args.port)
    except OSError as exc:
        raise UsageError(f"cannot serve on port {args.port}: {exc.strerror}") from exc
    print(f"demo site: {server.url}  (Ctrl-C to stop)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return EXIT_OK
