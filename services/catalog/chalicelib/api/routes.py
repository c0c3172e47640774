from chalice import Blueprint

from shared.http import PUBLIC, RequestContext, Routes

blueprint = Blueprint(__name__)
routes = Routes(blueprint)


@routes.get("/categories", allow=PUBLIC)
def list_categories(ctx: RequestContext) -> dict:
    return {"categories": []}
