from typing import Any

from chalicelib.api.routes import blueprint
from chalicelib.handlers import inbox_handler

from shared.observability import create_app

app = create_app("govportal-open311")
app.register_blueprint(blueprint)


@app.on_sqs_message(queue="govportal-open311-inbox", batch_size=10)
def consume_inbox(event: Any) -> Any:
    return inbox_handler(event.to_dict())
