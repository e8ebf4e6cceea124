"""Every bundled YAML file is read by the strict reader (``kazpolity.datafile``).

``yaml.safe_load`` keeps the last of two equal keys without a word; the strict reader refuses
them with the file and the line. The test reads the source, so a new loader that slips back
to ``safe_load`` fails here rather than in a review.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kazpolity.datafile import read_data
from kazpolity.errors import DataFileError

SOURCE = Path(__file__).resolve().parents[2] / "src" / "kazpolity"

PENDING = {
    # A person's own scenario file, not bundled data: read into InputErrors that name fields.
    "institutions/scenario.py",
}


def test_no_bundled_file_is_read_with_safe_load() -> None:
    lax = {str(path.relative_to(SOURCE)) for path in SOURCE.rglob("*.py")
           if "safe_load(" in path.read_text(encoding="utf-8")}
    assert lax <= PENDING, f"read these with kazpolity.datafile: {sorted(lax - PENDING)}"


def test_a_key_written_twice_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text("offices:\n  president: {title: A}\n  president: {title: B}\n",
                    encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        read_data(path)
    assert caught.value.line == 3 and "duplicate key" in str(caught.value)


def test_plain_data_is_what_safe_load_gives(tmp_path: Path) -> None:
    import yaml

    text = "a: [1, 2.5, x]\nb: {c: 2020-01-02, d: null, true: yes}\n"
    path = tmp_path / "same.yaml"
    path.write_text(text, encoding="utf-8")
    assert read_data(path) == yaml.safe_load(text)
