from tests.conftest import use_service

use_service("workorders")
