"""The work-order use cases, over ports (ports.py: Protocols the adapters implement; no boto3,
no item shapes, no HTTP):

- orders.py: intake, actions, views, routing rules, the deadline scheduler, channels'
  commands and the rating consumer (Service);
- photos.py: presigned uploads, checking and cleaning the photos a report or a reply names,
  and presigned views (PhotoService);
- hotspots.py: assessing each new order, listing hotspots and opening one coordinated order
  for a hotspot (HotspotService).

wiring.py builds them with their adapters; routes and handlers get them from there."""

from chalicelib.service.hotspots import HotspotService
from chalicelib.service.orders import Service, categories
from chalicelib.service.photos import PhotoService
from chalicelib.service.ports import (
    AlreadyConsumed,
    CaseNumberTaken,
    HotspotExists,
    HotspotStorePort,
    Keep,
    MediaPort,
    OrderEventsPort,
    OrderStore,
    Page,
)

__all__ = ["AlreadyConsumed", "CaseNumberTaken", "HotspotExists", "HotspotService", "HotspotStorePort", "Keep",
           "MediaPort", "OrderEventsPort", "OrderStore", "Page", "PhotoService", "Service", "categories"]
