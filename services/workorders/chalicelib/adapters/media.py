"""The media bucket (MEDIA_BUCKET): presigned uploads and views, and the few object
operations photo checking needs. boto3 lives here only."""

from __future__ import annotations

import os
from typing import Any

from botocore.exceptions import ClientError

from shared import aws


class MediaStore:
    def __init__(self, bucket: str | None = None) -> None:
        self.bucket = bucket or os.environ.get("MEDIA_BUCKET", "")
        self.s3 = aws.client("s3")

    def presigned_post(self, key: str, content_type: str, max_bytes: int, expires: int) -> dict[str, Any]:
        """A form the browser posts the file with: S3 itself refuses another key, a
        Content-Type that is not image/* and a body over `max_bytes`."""
        post: dict[str, Any] = self.s3.generate_presigned_post(
            self.bucket, key, Fields={"Content-Type": content_type},
            Conditions=[{"Content-Type": content_type}, ["starts-with", "$Content-Type", "image/"],
                        ["content-length-range", 1, max_bytes]],
            ExpiresIn=expires)
        return post

    def presigned_get(self, key: str, expires: int) -> str:
        url: str = self.s3.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": key},
                                                  ExpiresIn=expires)
        return url

    def size(self, key: str) -> int | None:
        """The object's size, or None when there is none."""
        try:
            return int(self.s3.head_object(Bucket=self.bucket, Key=key)["ContentLength"])
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise

    def read(self, key: str, limit: int) -> bytes:
        body = self.s3.get_object(Bucket=self.bucket, Key=key)["Body"]
        data: bytes = body.read(limit + 1)
        return data

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=data, ContentType=content_type,
                           CacheControl="private, max-age=300")
