from chalicelib.api.routes import blueprint

from shared.observability import create_app

app = create_app("govportal-catalog")
app.register_blueprint(blueprint)
