from typing import Any

from chalicelib import handlers
from chalicelib.api.daily import blueprint as daily_blueprint
from chalicelib.api.routes import blueprint

from shared.observability import create_app

app = create_app("govportal-rating")
app.register_blueprint(blueprint)
app.register_blueprint(daily_blueprint)


@app.on_sqs_message(queue="govportal-rating-inbox", batch_size=10)
def consume_inbox(event: Any) -> Any:
    return handlers.inbox(event.to_dict())


@app.on_sqs_message(queue="govportal-rating-commands", batch_size=10)
def consume_commands(event: Any) -> Any:
    return handlers.commands(event.to_dict())


@app.schedule("rate(5 minutes)")
def republish_outbox(event: Any) -> dict[str, int]:
    return handlers.republish_outbox()
