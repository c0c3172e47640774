from __future__ import annotations

from tests.conftest import use_service

use_service("sms")
