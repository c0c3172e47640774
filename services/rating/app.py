from typing import Any

from chalicelib.api.daily import blueprint as daily_blueprint
from chalicelib.api.routes import blueprint
from chalicelib.consumer import handle_event
from chalicelib.service import sweep_outbox

from shared.messaging import sqs_batch_handler
from shared.observability import create_app

app = create_app("govportal-rating")
app.register_blueprint(blueprint)
app.register_blueprint(daily_blueprint)

inbox_handler = sqs_batch_handler(handle_event)


@app.on_sqs_message(queue="govportal-rating-inbox", batch_size=10)
def consume_inbox(event: Any) -> Any:
    return inbox_handler(event.to_dict())


@app.schedule("rate(5 minutes)")
def republish_outbox(event: Any) -> dict[str, int]:
    """Republishes events whose publish failed after their change was committed."""
    return {"republished": sweep_outbox()}
