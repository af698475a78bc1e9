"""The 'tiles' Batch job: reads its input from /data (the EFS volume) and writes back there."""
import os
import sys


def main() -> int:
    source = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("INPUT", "")
    print(f"tiles: processing {source!r} under /data")
    return 0


if __name__ == "__main__":
    sys.exit(main())
