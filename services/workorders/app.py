from typing import Any

from chalice.app import CloudWatchEvent, SQSEvent
from chalicelib import handlers
from chalicelib.api.routes import blueprint

from shared.observability import create_app

app = create_app("govportal-workorders")
app.register_blueprint(blueprint)


@app.on_sqs_message(queue="govportal-workorders-inbox", batch_size=10)
def workorders_inbox(event: SQSEvent) -> dict[str, Any]:
    return handlers.rating_events(event.to_dict())


@app.on_sqs_message(queue="govportal-workorders-commands", batch_size=10)
def workorders_commands(event: SQSEvent) -> dict[str, Any]:
    return handlers.commands(event.to_dict())


@app.schedule("rate(1 minute)")  # each order's next check is honoured within a minute
def escalate_due_orders(event: CloudWatchEvent) -> dict[str, int]:
    return handlers.run_due()


@app.schedule("rate(5 minutes)")
def republish_outbox(event: CloudWatchEvent) -> dict[str, int]:
    return handlers.republish_outbox()
