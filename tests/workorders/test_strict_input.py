import pytest
from chalicelib.models.requests import LocationIn
from pydantic import ValidationError


@pytest.mark.parametrize("location", [{"lat": True, "lon": 113.08}, {"lat": 41.04, "lon": "113.08"}])
def test_coordinates_must_be_numbers(location: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        LocationIn.model_validate(location)


def test_integer_and_float_coordinates_are_accepted() -> None:
    assert LocationIn.model_validate({"lat": 41, "lon": 113.08}).lat == 41.0
