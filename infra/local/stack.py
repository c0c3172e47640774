"""Creates the resources of infra/*.json in a local AWS (moto server) from the same
CloudFormation definitions that are merged into the packaged templates."""

from __future__ import annotations

from typing import Any

import boto3

from infra.manifest import manifest, resources, services

ACCOUNT = "123456789012"
PARTITION = "aws"


class Stack:
    def __init__(self, endpoint: str | None, region: str | None = None) -> None:
        """endpoint None: moto's in-process mock (unit tests)."""
        self.endpoint = endpoint
        self.region = region or manifest()["region"]
        kwargs: dict[str, Any] = {"region_name": self.region}
        if endpoint:
            kwargs["endpoint_url"] = endpoint
        self.dynamodb = boto3.client("dynamodb", **kwargs)
        self.sqs = boto3.client("sqs", **kwargs)
        self.sns = boto3.client("sns", **kwargs)
        self.s3 = boto3.client("s3", **kwargs)
        # logical id -> {"Ref": ..., "Arn": ...}; logical ids are unique across services.
        self.created: dict[str, dict[str, str]] = {}

    # --- intrinsic functions, as CloudFormation would resolve them -----------------------
    def resolve(self, value: Any) -> Any:
        if isinstance(value, dict):
            if "Ref" in value:
                return self.created[value["Ref"]]["Ref"]
            if "Fn::GetAtt" in value:
                logical, attr = value["Fn::GetAtt"]
                return self.created[logical][attr]
            if "Fn::Sub" in value:
                text = value["Fn::Sub"]
                for name, sub in (("AWS::Partition", PARTITION), ("AWS::Region", self.region), ("AWS::AccountId", ACCOUNT)):
                    text = text.replace("${" + name + "}", sub)
                return text
            return {k: self.resolve(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        return value

    # --- resources -------------------------------------------------------------------------
    def _table(self, logical: str, props: dict[str, Any]) -> None:
        name = props["TableName"]
        existing = self.dynamodb.list_tables()["TableNames"]
        if name not in existing:
            kwargs: dict[str, Any] = {
                "TableName": name,
                "AttributeDefinitions": props["AttributeDefinitions"],
                "KeySchema": props["KeySchema"],
                "BillingMode": props.get("BillingMode", "PAY_PER_REQUEST"),
            }
            if props.get("GlobalSecondaryIndexes"):
                kwargs["GlobalSecondaryIndexes"] = props["GlobalSecondaryIndexes"]
            self.dynamodb.create_table(**kwargs)
            ttl = props.get("TimeToLiveSpecification")
            if ttl:
                self.dynamodb.update_time_to_live(TableName=name, TimeToLiveSpecification=ttl)
        arn = self.dynamodb.describe_table(TableName=name)["Table"]["TableArn"]
        self.created[logical] = {"Ref": name, "Arn": arn}

    def _queue(self, logical: str, props: dict[str, Any]) -> None:
        attributes: dict[str, str] = {}
        for key in ("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds"):
            if key in props:
                attributes[key] = str(props[key])
        if "RedrivePolicy" in props:
            import json

            attributes["RedrivePolicy"] = json.dumps(self.resolve(props["RedrivePolicy"]))
        url = self.sqs.create_queue(QueueName=props["QueueName"], Attributes=attributes)["QueueUrl"]
        arn = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        self.created[logical] = {"Ref": url, "Arn": arn}

    def _topic(self, logical: str, props: dict[str, Any]) -> None:
        arn = self.sns.create_topic(Name=props["TopicName"])["TopicArn"]
        self.created[logical] = {"Ref": arn, "Arn": arn}

    def _subscription(self, logical: str, props: dict[str, Any]) -> None:
        import json

        topic_arn = self.resolve(props["TopicArn"])
        endpoint = self.resolve(props["Endpoint"])
        attributes = {"RawMessageDelivery": "true" if props.get("RawMessageDelivery") else "false"}
        if "FilterPolicy" in props:
            attributes["FilterPolicy"] = json.dumps(props["FilterPolicy"])
        existing = self.sns.list_subscriptions_by_topic(TopicArn=topic_arn)["Subscriptions"]
        for sub in existing:
            if sub["Endpoint"] == endpoint:
                self.created[logical] = {"Ref": sub["SubscriptionArn"], "Arn": sub["SubscriptionArn"]}
                return
        arn = self.sns.subscribe(TopicArn=topic_arn, Protocol=props["Protocol"], Endpoint=endpoint, Attributes=attributes)[
            "SubscriptionArn"
        ]
        self.created[logical] = {"Ref": arn, "Arn": arn}

    def _bucket(self, logical: str, props: dict[str, Any]) -> None:
        """A bucket with its encryption, public access block, lifecycle and CORS rules (the
        CloudFormation shapes translated to the S3 API's)."""
        name = self.resolve(props["BucketName"])
        existing = {b["Name"] for b in self.s3.list_buckets().get("Buckets", [])}
        if name not in existing:
            self.s3.create_bucket(Bucket=name)
        if "BucketEncryption" in props:
            rules = [{"ApplyServerSideEncryptionByDefault": r["ServerSideEncryptionByDefault"],
                      **({"BucketKeyEnabled": r["BucketKeyEnabled"]} if "BucketKeyEnabled" in r else {})}
                     for r in props["BucketEncryption"]["ServerSideEncryptionConfiguration"]]
            self.s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": rules})
        if "PublicAccessBlockConfiguration" in props:
            self.s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=props["PublicAccessBlockConfiguration"])
        if "VersioningConfiguration" in props:
            self.s3.put_bucket_versioning(Bucket=name, VersioningConfiguration=props["VersioningConfiguration"])
        if "LifecycleConfiguration" in props:
            self.s3.put_bucket_lifecycle_configuration(
                Bucket=name, LifecycleConfiguration={"Rules": [_lifecycle_rule(r) for r in props["LifecycleConfiguration"]["Rules"]]})
        if "CorsConfiguration" in props:
            self.s3.put_bucket_cors(Bucket=name, CORSConfiguration={"CORSRules": [
                {k.replace("MaxAge", "MaxAgeSeconds"): v for k, v in r.items()} for r in props["CorsConfiguration"]["CorsRules"]]})
        self.created[logical] = {"Ref": name, "Arn": f"arn:{PARTITION}:s3:::{name}"}

    def create_all(self) -> dict[str, dict[str, str]]:
        """Creates every service's resources: tables, queues (dead-letter queues first),
        topics, then subscriptions, which may cross services. Idempotent."""
        every = {logical: res for svc in services() for logical, res in resources(svc).items()}
        order = [
            ("AWS::DynamoDB::Table", self._table),
            ("AWS::SNS::Topic", self._topic),
            ("AWS::S3::Bucket", self._bucket),
        ]
        for kind, create in order:
            for logical, res in every.items():
                if res["Type"] == kind:
                    create(logical, res["Properties"])
        queues = {k: v for k, v in every.items() if v["Type"] == "AWS::SQS::Queue"}
        for logical, res in sorted(queues.items(), key=lambda kv: "RedrivePolicy" in kv[1]["Properties"]):
            self._queue(logical, res["Properties"])
        for logical, res in every.items():
            if res["Type"] == "AWS::SNS::Subscription":
                self._subscription(logical, res["Properties"])
        # Queue policies only grant SNS the right to send; moto does not enforce them.
        return self.created

    def service_env(self, service: str) -> dict[str, str]:
        spec = services()[service]
        # A Ref to a template parameter (a deployed secret) is left out: the service's local default applies.
        env = {name: str(self.resolve(value)) for name, value in spec.get("env", {}).items()
               if not (isinstance(value, dict) and "Ref" in value and value["Ref"] not in self.created)}
        env.update(
            {
                "POWERTOOLS_SERVICE_NAME": service,
                "AWS_ENDPOINT_URL": self.endpoint or "",
                "AWS_DEFAULT_REGION": self.region,
                "AWS_ACCESS_KEY_ID": "testing",
                "AWS_SECRET_ACCESS_KEY": "testing",
                "POWERTOOLS_TRACE_DISABLED": "true",
                "POWERTOOLS_METRICS_NAMESPACE": "GovPortal",
                "STAGE": "local",
            }
        )
        return env

    def queue_url(self, logical: str) -> str:
        return self.created[logical]["Ref"]


def _lifecycle_rule(rule: dict[str, Any]) -> dict[str, Any]:
    """A CloudFormation lifecycle rule as PutBucketLifecycleConfiguration takes it."""
    out: dict[str, Any] = {"ID": rule.get("Id", "rule"), "Status": rule["Status"], "Filter": {"Prefix": rule.get("Prefix", "")}}
    if "ExpirationInDays" in rule:
        out["Expiration"] = {"Days": rule["ExpirationInDays"]}
    if "AbortIncompleteMultipartUpload" in rule:
        out["AbortIncompleteMultipartUpload"] = rule["AbortIncompleteMultipartUpload"]
    if "NoncurrentVersionExpiration" in rule:
        out["NoncurrentVersionExpiration"] = {"NoncurrentDays": rule["NoncurrentVersionExpiration"]["NoncurrentDays"]}
    if "Transitions" in rule:
        out["Transitions"] = [{"Days": t["TransitionInDays"], "StorageClass": t["StorageClass"]} for t in rule["Transitions"]]
    return out
