from chalicelib.domain.projection import projection_update


def test_a_return_does_not_make_the_returning_unit_the_handler() -> None:
    unit = {"kind": "department", "code": "water"}
    returned = projection_update("workorders.order.returned", {"case_number": "261122-ABCDEF", "handler": unit}, "2026-11-22T10:00:00+08:00")
    dispatched = projection_update("workorders.order.dispatched", {"case_number": "261122-ABCDEF", "handler": unit}, "2026-11-22T10:00:00+08:00")
    assert returned is not None and "handler" not in returned.values
    assert dispatched is not None and dispatched.values["handler"] == unit
