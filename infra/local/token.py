"""`make token ROLE=<role> SUBJECT=<id> [UNIT=<unit code>] [PHONE=+86...]`: a bearer token for the local
stack, printed on the last line."""

from __future__ import annotations

import argparse

from shared.auth import Role, issue_local_token


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--role", required=True, choices=[r.value for r in Role])
    parser.add_argument("--subject", required=True)
    parser.add_argument("--unit", default=None)
    parser.add_argument("--name", default=None)
    parser.add_argument("--phone", default=None, help="a verified mobile number (E.164): the resident's one-number subject")
    args = parser.parse_args()
    try:
        token = issue_local_token(args.subject, args.role, args.unit or None, name=args.name, phone_number=args.phone or None)
    except ValueError as exc:
        parser.error(str(exc))
    print(f"# {args.role} {args.subject}" + (f" of {args.unit}" if args.unit else "") + ", valid 12 hours")
    print(token)


if __name__ == "__main__":
    main()
