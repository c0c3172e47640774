"""Moves messages from a dead-letter queue back to its source queue, for replay after a fix.

    make replay-dlq QUEUE=govportal-rating-inbox      (local stack: uses AWS_ENDPOINT_URL or
                                                       the manifest's moto port)
"""

from __future__ import annotations

import argparse
import os
import sys

import boto3
from botocore.exceptions import ConnectTimeoutError, EndpointConnectionError

from infra.manifest import manifest


def sqs_client() -> object:
    local = manifest()["local"]
    endpoint = os.environ.get("AWS_ENDPOINT_URL") or f"http://{local['host']}:{os.environ.get('MOTO_PORT', local['moto_port'])}"
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    return boto3.client("sqs", endpoint_url=endpoint, region_name=os.environ.get("AWS_DEFAULT_REGION", manifest()["region"]))


class UnknownQueue(Exception):
    pass


def replayable_queues(sqs: object) -> list[str]:
    """Queues that have a dead-letter queue beside them (<name>-dlq)."""
    urls = sqs.list_queues().get("QueueUrls", [])  # type: ignore[attr-defined]
    names = {url.rsplit("/", 1)[-1] for url in urls}
    return sorted(n for n in names if f"{n}-dlq" in names)


def replay(sqs: object, queue_name: str, limit: int = 10_000) -> int:
    """Returns how many messages were moved. Each is sent before it is deleted, so a crash
    in between replays it twice rather than losing it (consumers are idempotent)."""
    known = replayable_queues(sqs)
    if queue_name not in known:
        hint = f" (name the source queue, not its dead-letter queue: {queue_name.removesuffix('-dlq')})" if queue_name.endswith("-dlq") else ""
        raise UnknownQueue(f"no queue {queue_name!r} with a dead-letter queue{hint}; the queues are: {', '.join(known) or 'none (is the stack running?)'}")
    source_url = sqs.get_queue_url(QueueName=queue_name)["QueueUrl"]  # type: ignore[attr-defined]
    dlq_url = sqs.get_queue_url(QueueName=f"{queue_name}-dlq")["QueueUrl"]  # type: ignore[attr-defined]
    moved = 0
    while moved < limit:
        messages = sqs.receive_message(  # type: ignore[attr-defined]
            QueueUrl=dlq_url, MaxNumberOfMessages=10, WaitTimeSeconds=1, MessageAttributeNames=["All"]
        ).get("Messages", [])
        if not messages:
            break
        for message in messages:
            sqs.send_message(  # type: ignore[attr-defined]
                QueueUrl=source_url,
                MessageBody=message["Body"],
                MessageAttributes=message.get("MessageAttributes", {}),
            )
            sqs.delete_message(QueueUrl=dlq_url, ReceiptHandle=message["ReceiptHandle"])  # type: ignore[attr-defined]
            moved += 1
    return moved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("queue", nargs="?", help="source queue name, e.g. govportal-rating-inbox")
    args = parser.parse_args()
    if not args.queue:
        parser.error("name the queue: make replay-dlq QUEUE=govportal-rating-inbox")
    sqs = sqs_client()
    try:
        moved = replay(sqs, args.queue)
    except UnknownQueue as exc:
        print(f"make replay-dlq: {exc}", file=sys.stderr)
        return 2
    except (EndpointConnectionError, ConnectTimeoutError):
        print("make replay-dlq: the local AWS is not answering; start it with `make run`", file=sys.stderr)
        return 2
    print(f"moved {moved} message(s) from {args.queue}-dlq back to {args.queue}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
