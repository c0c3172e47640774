"""`make open311-key NAME=<client>`: asks the running local stack's command-centre API for
an Open311 API key and prints it on the last line."""

from __future__ import annotations

import argparse
import json
import os
import urllib.request

from shared.auth import issue_local_token


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("name")
    parser.add_argument("--base", default=f"http://127.0.0.1:{os.environ.get('PORT', '8000')}")
    args = parser.parse_args()
    token = issue_local_token("cc-open311-keys", "command-centre", "command-center")
    request = urllib.request.Request(
        f"{args.base}/open311/keys", data=json.dumps({"name": args.name}).encode(), method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        body = json.loads(response.read())
    print(f"Open311 API key for {body['name']} (client {body['client_id']}); it is shown only now:")
    print(body["api_key"])


if __name__ == "__main__":
    main()
