from typing import Any

from chalice.app import CloudWatchEvent, SQSEvent
from chalicelib.adapters.publisher import OrderEvents
from chalicelib.api.routes import blueprint
from chalicelib.service import Service

from shared.messaging import Envelope, sqs_batch_handler
from shared.observability import create_app

app = create_app("govportal-workorders")
app.register_blueprint(blueprint)


def _consume(envelope: Envelope) -> None:
    Service().consume(envelope)


consume_rating_events = sqs_batch_handler(_consume)


@app.on_sqs_message(queue="govportal-workorders-inbox", batch_size=10)
def workorders_inbox(event: SQSEvent) -> dict[str, Any]:
    return consume_rating_events(event.to_dict())


@app.schedule("rate(5 minutes)")
def escalate_due_orders(event: CloudWatchEvent) -> dict[str, int]:
    return Service().run_due()


@app.schedule("rate(5 minutes)")
def republish_outbox(event: CloudWatchEvent) -> dict[str, int]:
    """Events whose publish failed after their change was committed go out now."""
    return {"republished": OrderEvents().republish_stale()}
