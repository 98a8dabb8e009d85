"""`ashyq schema`: print (or write) the JSON Schema of result.json."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tester.cli.exits import EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    schema = sub.add_parser("schema", help="print the JSON Schema of result.json")
    schema.add_argument("--out", type=Path)
    schema.set_defaults(handler=cmd_schema)


def cmd_schema(args: argparse.Namespace) -> int:
    from tester.registry import result_schema

    text = json.dumps(result_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK
