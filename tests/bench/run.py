"""`make bench`: prints the benchmark figures, each with the ratio it is judged by.

- Cold start of each service: a fresh process to the first answer of its app (an API
  Gateway event to /health through the Lambda entry point), as a ratio to a process that
  only imports boto3 and creates one client.
- Catalogue search on the local stack (moto server + gateway): p50/p99 of real searches as
  a ratio to the empty route of the same stack.
- Then each service's own benchmark (tests/bench/<name>_bench.py), each in its own process.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from infra.manifest import services  # noqa: E402
from tests.bench.common import percentile  # noqa: E402
from tests.bench.localstack import local_stack  # noqa: E402

RUNS = 5

_BASELINE = "import boto3; boto3.client('dynamodb', region_name='us-east-1')"
_FIRST_ANSWER = """
import sys
sys.path[:0] = [sys.argv[1], sys.argv[2]]
import app
event = {"resource": "/health", "path": "/health", "httpMethod": "GET", "headers": {}, "multiValueHeaders": {},
         "queryStringParameters": None, "multiValueQueryStringParameters": None, "pathParameters": None,
         "stageVariables": None, "body": None, "isBase64Encoded": False,
         "requestContext": {"resourcePath": "/health", "httpMethod": "GET", "path": "/api/health", "requestId": "r",
                            "stage": "api", "identity": {"sourceIp": "127.0.0.1"}}}
class Context:
    function_name = "bench"; memory_limit_in_mb = 1024; aws_request_id = "r"; invoked_function_arn = "arn"
    def get_remaining_time_in_millis(self): return 60000
response = app.app(event, Context())
assert response["statusCode"] == 200, response
"""

QUERIES = ["低保", "最低生活保障", "醫保", "医保报销", "公积金提取", "身份证", "居住证", "residence permit", "dibao",
           "yibao", "marriage registration", "出生登记", "户口迁移", "残疾人证", "高龄津贴", "失业保险金", "工伤认定",
           "创业贷款", "小学入学", "法律援助", "营业执照", "食品经营许可", "养老保险", "退役军人", "临时救助"]


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, cwd=ROOT, env={"PATH": "/usr/bin:/bin", "AWS_DEFAULT_REGION": "us-east-1",
                                                     "AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "x",
                                                     "POWERTOOLS_TRACE_DISABLED": "true"})
    return time.perf_counter() - start


def cold_starts() -> None:
    print(f"== cold start: fresh process to first answer (median of {RUNS}) ==")
    baseline = statistics.median(timed([sys.executable, "-c", _BASELINE]) for _ in range(RUNS))
    print(f"  baseline (import boto3 + one client): {baseline * 1000:7.0f} ms  ratio 1.00")
    for service in services():
        args = [sys.executable, "-c", _FIRST_ANSWER, str(ROOT / "services" / service), str(ROOT)]
        try:
            cold = statistics.median(timed(args) for _ in range(RUNS))
        except subprocess.CalledProcessError:
            print(f"  {service:<11} failed to answer")
            continue
        print(f"  {service:<11} {cold * 1000:7.0f} ms  ratio {cold / baseline:4.2f}")


def fetch_time(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
    return time.perf_counter() - start


def catalogue_on_local_stack(rounds: int = 8) -> None:
    print("== catalogue search on the local stack (gateway -> chalice local -> app; moto server) ==")
    with local_stack(["catalog"]) as base:
        searches = [f"{base}/catalog/items?q={urllib.parse.quote(q)}" for q in QUERIES]
        empty = f"{base}/catalog/health"
        for url in searches:  # warm the container: the catalogue loads once
            fetch_time(url)
        search: list[float] = []
        bare: list[float] = []
        for _ in range(rounds):  # interleaved, so both see the same machine
            for url in searches:
                search.append(fetch_time(url))
                bare.append(fetch_time(empty))
    for name, p in (("p50", 50), ("p99", 99)):
        s, e = percentile(search, p / 100), percentile(bare, p / 100)
        print(f"  search {name}: {s * 1000:6.2f} ms   empty route {name}: {e * 1000:6.2f} ms   ratio {s / e:4.2f}")
    print(f"  ({len(search)} searches over {len(QUERIES)} queries: zh, traditional, pinyin, English)")


def benches() -> list[Path]:
    return sorted((ROOT / "tests" / "bench").glob("*_bench.py"))


def bench_command(path: Path, entry: str | None = "main") -> list[str]:
    """The command that runs one benchmark's `entry` (None: only imports it) in a process of
    its own, with its service's chalicelib on sys.path (tests/foundation/test_benches.py runs
    each `smoke` the same way)."""
    name = path.stem.removesuffix("_bench")
    service = "workorders" if name == "triage" else name
    call = f"from tests.bench.{path.stem} import {entry}; {entry}()" if entry else f"import tests.bench.{path.stem}"
    code = "import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]; sys.argv = sys.argv[:1];" + call
    return [sys.executable, "-c", code, str(ROOT / "services" / service), str(ROOT)]


def service_benches() -> None:
    for path in benches():
        print(f"== {path.relative_to(ROOT)} ==", flush=True)
        env = {**os.environ, "POWERTOOLS_LOG_LEVEL": "WARNING"}  # figures, not the services' logs
        subprocess.run(bench_command(path), cwd=ROOT, check=False, env=env)


def main() -> None:
    cold_starts()
    catalogue_on_local_stack()
    service_benches()


if __name__ == "__main__":
    main()
