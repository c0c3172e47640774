from typing import Any

from chalicelib import handlers, wiring
from chalicelib.api.daily import blueprint as daily_blueprint
from chalicelib.api.routes import blueprint

from shared.events import register_republish
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


republish_outbox = register_republish(app, wiring.events)
