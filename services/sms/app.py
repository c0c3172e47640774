from typing import Any

from chalice.app import CloudWatchEvent, SQSEvent
from chalicelib import handlers
from chalicelib.api.routes import blueprint

from shared.observability import create_app

app = create_app("govportal-sms")
app.register_blueprint(blueprint)


@app.on_sqs_message(queue="govportal-sms-inbound-queue", batch_size=10)
def sms_inbound(event: SQSEvent) -> dict[str, Any]:
    return handlers.inbound(event.to_dict())


@app.on_sqs_message(queue="govportal-sms-inbox", batch_size=10)
def sms_inbox(event: SQSEvent) -> dict[str, Any]:
    return handlers.events(event.to_dict())


@app.schedule("rate(5 minutes)")
def release_held_texts(event: CloudWatchEvent) -> dict[str, int]:
    return handlers.release_held(event)
