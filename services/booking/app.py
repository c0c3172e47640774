from chalice.app import CloudWatchEvent
from chalicelib.api.routes import blueprint
from chalicelib.handlers import hourly, republish

from shared.observability import create_app

app = create_app("govportal-booking")
app.register_blueprint(blueprint)


@app.schedule("rate(1 hour)")
def send_day_before_reminders(event: CloudWatchEvent) -> dict[str, int]:
    return hourly(event)


@app.schedule("rate(5 minutes)")
def republish_outbox(event: CloudWatchEvent) -> dict[str, int]:
    return republish(event)
