from typing import Any

from chalice.app import CloudWatchEvent, SQSEvent
from chalicelib import handlers, wiring
from chalicelib.api.hotspots import blueprint as hotspots_blueprint
from chalicelib.api.photos import blueprint as photos_blueprint
from chalicelib.api.routes import blueprint

from shared.events import register_republish
from shared.observability import create_app

app = create_app("govportal-workorders")
app.register_blueprint(blueprint)
app.register_blueprint(hotspots_blueprint)
app.register_blueprint(photos_blueprint)


@app.on_sqs_message(queue="govportal-workorders-inbox", batch_size=10)
def workorders_inbox(event: SQSEvent) -> dict[str, Any]:
    return handlers.rating_events(event.to_dict())


@app.on_sqs_message(queue="govportal-workorders-commands", batch_size=10)
def workorders_commands(event: SQSEvent) -> dict[str, Any]:
    return handlers.commands(event.to_dict())


@app.schedule("rate(1 minute)")  # each order's next check is honoured within a minute
def escalate_due_orders(event: CloudWatchEvent) -> dict[str, int]:
    return handlers.run_due()


republish_outbox = register_republish(app, wiring.events)


@app.on_sqs_message(queue="govportal-workorders-hotspots", batch_size=10)
def workorders_hotspots(event: SQSEvent) -> dict[str, Any]:
    """Every new order is assessed for a hotspot (未诉先办)."""
    return handlers.order_events(event.to_dict())
