from typing import Any

from chalicelib.api.routes import blueprint
from chalicelib.handlers import deliveries_handler, inbox_handler

from shared.observability import create_app

app = create_app("govportal-webhooks")
app.register_blueprint(blueprint)


@app.on_sqs_message(queue="govportal-webhooks-inbox", batch_size=10)
def consume_inbox(event: Any) -> Any:
    return inbox_handler(event.to_dict())


# One attempt per record; batch_size 3 keeps a batch of 15 s timeouts inside the 60 s limit.
@app.on_sqs_message(queue="govportal-webhooks-deliveries", batch_size=3)
def deliver(event: Any) -> Any:
    return deliveries_handler(event.to_dict())
