"""`make replay-dlq` with a queue that does not exist says so and lists the queues."""

from __future__ import annotations

import pytest

from infra.replay import UnknownQueue, replay, replayable_queues


def test_an_unknown_queue_is_named_with_the_list_of_queues() -> None:
    import boto3
    from moto import mock_aws

    with mock_aws():
        sqs = boto3.client("sqs", region_name="us-east-1")
        for name in ("govportal-rating-inbox", "govportal-rating-inbox-dlq", "plain"):
            sqs.create_queue(QueueName=name)
        assert replayable_queues(sqs) == ["govportal-rating-inbox"]
        with pytest.raises(UnknownQueue, match="govportal-rating-inbox") as raised:
            replay(sqs, "govportal-nope")
        assert "'govportal-nope'" in str(raised.value)
        with pytest.raises(UnknownQueue, match="not its dead-letter queue"):
            replay(sqs, "govportal-rating-inbox-dlq")
        assert replay(sqs, "govportal-rating-inbox") == 0
