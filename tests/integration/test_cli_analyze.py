"""``marsad analyze``, ``marsad components`` and ``marsad config`` end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from marsad.cli import main

WIRE = (
    "انطلاق معرض الكتاب في الشارقة بمشاركة ألف ناشر بواسطة رويترز\n"
    "\n"
    "بقلم سلمى الراشد\n"
    "الشارقة (رويترز) - انطلقت يوم الأربعاء فعاليات معرض الكتاب الدولي بمشاركة ألف ناشر.\n"
    "وقال مدير المعرض إن عدد الزوار تجاوز التوقعات.\n"
)
SHORT = "أعلنت الحكومة خطة جديدة للنقل العام. وتبدأ المرحلة الأولى الشهر المقبل.\n"


def invoke(args: list[str], stdin: bytes | str | None = None) -> Result:
    return CliRunner().invoke(main, args, input=stdin)


def documents(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture
def articles(tmp_path: Path) -> dict[str, Path]:
    files = {
        "wire": ("wire.txt", WIRE.encode("utf-8")),
        "cp1256": ("legacy.txt", SHORT.replace("\n", "\r\n").encode("cp1256")),
        "bom": ("bom.txt", b"\xef\xbb\xbf" + SHORT.encode("utf-8")),
        "empty": ("empty.txt", b"  \n"),
        "binary": ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
    }
    out = {}
    for key, (name, data) in files.items():
        out[key] = tmp_path / name
        out[key].write_bytes(data)
    return out


def test_files_print_one_document_per_line(articles: dict[str, Path]) -> None:
    result = invoke(
        ["analyze", str(articles["wire"]), str(articles["cp1256"]), str(articles["bom"])]
    )
    assert result.exit_code == 0, result.output
    docs = documents(result)
    assert [d["id"] for d in docs] == [str(articles[k]) for k in ("wire", "cp1256", "bom")]
    assert all(d["schema"] == "marsad.document/1" for d in docs)
    wire = docs[0]
    assert wire["meta"]["agency"] == "Reuters"
    assert wire["meta"]["headline"] == "انطلاق معرض الكتاب في الشارقة بمشاركة ألف ناشر"
    assert docs[1]["text"] == SHORT  # Windows-1256 and CRLF decoded
    assert docs[2]["text"] == SHORT  # BOM dropped
    assert len(docs[1]["sentences"]) == 2


def test_bad_files_are_reported_and_the_others_go_on(
    articles: dict[str, Path], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    paths = [articles["empty"], articles["wire"], articles["binary"], missing]
    result = invoke(["analyze", *map(str, paths)])
    assert result.exit_code == 1
    assert [d["id"] for d in documents(result)] == [str(articles["wire"])]
    assert f"{articles['empty']}: the input is empty (empty)" in result.stderr
    assert f"{articles['binary']}:" in result.stderr
    assert "(binary)" in result.stderr
    assert f"{missing}: no such file" in result.stderr


def test_stdin_and_published() -> None:
    result = invoke(["analyze", "--published", "2024-11-06", "-"], stdin=SHORT.encode())
    assert result.exit_code == 0, result.output
    (doc,) = documents(result)
    assert doc["id"] == "stdin"
    assert doc["meta"]["published"] == "2024-11-06"


def test_jsonl_with_a_bad_line_in_the_middle() -> None:
    lines = [
        json.dumps({"id": "n1", "text": SHORT, "title": "خطة النقل"}, ensure_ascii=False),
        '{"id": "n2", "text": ',
        json.dumps({"id": "n3", "text": WIRE, "published": "2024-11-06T09:00:00+04:00"}),
    ]
    result = invoke(["analyze", "--jsonl", "-"], stdin="\n".join(lines) + "\n")
    assert result.exit_code == 1
    docs = documents(result)
    assert [d["id"] for d in docs] == ["n1", "n3"]
    assert docs[0]["meta"]["headline"] == "خطة النقل"
    assert docs[1]["meta"]["published"] == "2024-11-06T09:00:00+04:00"
    assert "<stdin>:2" in result.stderr
    assert "(malformed)" in result.stderr


def test_jsonl_file_and_pretty(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "p1", "text": SHORT}) + "\n", encoding="utf-8")
    result = invoke(["analyze", "--jsonl", "--pretty", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("{\n  ")
    assert json.loads(result.stdout)["id"] == "p1"


def test_text_format_is_a_readable_summary(articles: dict[str, Path]) -> None:
    result = invoke(
        ["analyze", "--format", "text", "--published", "2024-11-06", str(articles["wire"])]
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in (
        "انطلاق معرض الكتاب في الشارقة",
        "Reuters",
        "سلمى الراشد",
        "الشارقة",
        "2024-11-06",
        "sentences",
    ):
        assert expected in out
    assert "{" not in out


def test_pipeline_override_and_error_policy(articles: dict[str, Path]) -> None:
    result = invoke(["analyze", "--pipeline", "sentences", str(articles["wire"])])
    (doc,) = documents(result)
    assert doc["meta"]["agency"] is None  # anatomy did not run
    assert doc["sentences"]
    result = invoke(["analyze", "--error-policy", "sometimes", str(articles["wire"])])
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze"], "FILE"),
        (["analyze", "--published", "yesterday", "-"], "marsad: error: published date"),
        (["analyze", "--pipeline", "sentences,nonexistent", "-"], "marsad: error: no component"),
        (["analyze", "--pipeline", "-"], ""),
    ],
)
def test_usage_and_config_errors_exit_2(args: list[str], message: str) -> None:
    result = invoke(args, stdin=b"")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_config_file_error_names_the_file(tmp_path: Path) -> None:
    config = tmp_path / "marsad.toml"
    config.write_text("workers = 0\n", encoding="utf-8")
    result = invoke(["analyze", "--config", str(config), "-"], stdin=SHORT)
    assert result.exit_code == 2
    assert "marsad: error: setting workers=0" in result.stderr


def test_components_lists_the_registered_ones() -> None:
    result = invoke(["components"])
    assert result.exit_code == 0
    assert "anatomy" in result.stdout
    assert "sentences" in result.stdout
    listed = {c["name"]: c for c in json.loads(invoke(["components", "--json"]).stdout)}
    assert listed["sentences"]["assigns"] == ["sentences", "tokens"]


def test_config_prints_settings_with_documentation(tmp_path: Path) -> None:
    config = tmp_path / "marsad.toml"
    config.write_text("[marsad]\nmax_input_mb = 8\n", encoding="utf-8")
    result = invoke(["config", "--config", str(config)])
    assert result.exit_code == 0
    assert "pipeline" in result.stdout
    assert "components to run" in result.stdout
    report = json.loads(invoke(["config", "--config", str(config), "--json"]).stdout)
    assert report["max_input_mb"]["value"] == 8
    assert report["max_input_mb"]["origin"] == f"file {config}"


def test_installed_marsad_script(articles: dict[str, Path]) -> None:
    script = Path(sys.executable).with_name("marsad")
    if not script.exists():
        pytest.skip("the marsad console script is not installed next to this python")
    lines = json.dumps({"id": "s1", "text": SHORT}) + "\nnot json\n"
    proc = subprocess.run(
        [str(script), "analyze", "--jsonl", "-"],
        input=lines.encode(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1
    assert [json.loads(x)["id"] for x in proc.stdout.decode().splitlines()] == ["s1"]
    assert "<stdin>:2" in proc.stderr.decode()
    proc = subprocess.run(
        [str(script), "analyze", "--format", "text", str(articles["wire"])],
        capture_output=True,
        timeout=60,
        check=True,
    )
    assert "Reuters" in proc.stdout.decode()
