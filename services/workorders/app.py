from shared.observability import create_app

app = create_app("govportal-workorders")
