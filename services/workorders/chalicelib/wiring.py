"""The composition root: the use cases with their DynamoDB, S3 and SNS adapters, built once
per container (and again when tests reset the AWS clients). Routes and handlers get what
they need from here and never build adapters themselves."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.adapters.hotspot_store import HotspotStore
from chalicelib.adapters.media import MediaStore
from chalicelib.adapters.publisher import OrderEvents
from chalicelib.adapters.repository import Repository
from chalicelib.service import HotspotService, PhotoService, Service
from shared import aws


@dataclass(frozen=True)
class Built:
    repository: Repository
    events: OrderEvents
    service: Service
    photos: PhotoService
    hotspots: HotspotService


def _compose() -> Built:
    repository, events = Repository(), OrderEvents()
    orders = Service(repository, events)
    return Built(repository, events, orders, PhotoService(MediaStore(), repository), HotspotService(HotspotStore(), events, orders))


_build = aws.PerContainer(_compose)


def repository() -> Repository:
    return _build().repository


def events() -> OrderEvents:
    return _build().events


def service() -> Service:
    return _build().service


def photos() -> PhotoService:
    return _build().photos


def hotspots() -> HotspotService:
    return _build().hotspots
