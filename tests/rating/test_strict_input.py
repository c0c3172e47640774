import pytest
from chalicelib.models.requests import RatingRequest, StreetRatingRequest
from pydantic import ValidationError


@pytest.mark.parametrize("model", [RatingRequest, StreetRatingRequest])
def test_a_boolean_is_not_a_rating_level(model: type) -> None:
    body = {"subject": {"kind": "workorder", "id": "261122-ABCDEF"}, "level": True, "order": "261122-ABCDEF", "department": "water"}
    fields = set(model.model_fields)
    with pytest.raises(ValidationError) as refused:
        model.model_validate({k: v for k, v in body.items() if k in fields})
    assert any(err["loc"] == ("level",) for err in refused.value.errors())


def test_an_integer_level_is_accepted() -> None:
    assert RatingRequest.model_validate({"subject": {"kind": "workorder", "id": "261122-ABCDEF"}, "level": 4}).level == 4
