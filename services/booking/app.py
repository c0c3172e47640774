from typing import Any

from chalice.app import CloudWatchEvent, SQSEvent
from chalicelib import commands, wiring
from chalicelib.api.routes import blueprint
from chalicelib.handlers import hourly

from shared.events import register_republish
from shared.messaging import sqs_batch_handler
from shared.observability import create_app

app = create_app("govportal-booking")
app.register_blueprint(blueprint)


@app.schedule("rate(1 hour)")
def send_day_before_reminders(event: CloudWatchEvent) -> dict[str, int]:
    return hourly(event)


republish_outbox = register_republish(app, wiring.events)


consume_commands = sqs_batch_handler(commands.handle)


@app.on_sqs_message(queue="govportal-booking-commands", batch_size=10)
def booking_commands(event: SQSEvent) -> dict[str, Any]:
    """Commands from channels (SMS): booking.command.cancel."""
    return consume_commands(event.to_dict())
