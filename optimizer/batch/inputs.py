"""A batch's clients: a folder of scenario files, or a roster CSV of templates and overrides.

Clients are read lazily, one at a time, so a roster of 10,000 rows never sits in memory; a
client whose scenario is bad becomes a `Client` with an `error` (a summary row), never the end
of the batch. Only an unusable INPUT itself (missing, empty, a CSV without the `client` and
`scenario` columns) raises InputError.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from models.catalog import Catalog
from models.errors import InputError
from models.loading import read_data_file
from models.overrides import parse_value, set_dotted
from models.scenario import Scenario, parse_scenario, scenario_catalog

SCENARIO_SUFFIXES = (".toml", ".json")
ROSTER_COLUMNS = ("client", "scenario")
# a client's name is a file name: OUTDIR/<client>.plan.json
CLIENT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
MAX_ROSTER_FIELD = 10_000  # characters in one CSV cell: a roster is data, not a dump


@dataclass
class Client:
    """One client of a batch: a validated scenario and its catalog, or the error that stopped
    it. `source` says where it came from (file, or roster row) for messages."""

    name: str
    source: str
    scenario: Scenario | None = None
    catalog: Catalog | None = None
    error: str = ""

    @property
    def input_hash(self) -> str:
        """The hash a plan stores so that a rerun skips an unchanged client."""
        assert self.scenario is not None and self.catalog is not None
        return input_hash(self.scenario, self.catalog)


def input_hash(scenario: Scenario, catalog: Catalog) -> str:
    """sha256 of the validated scenario (canonical JSON) and of its catalog's content."""
    text = json.dumps(scenario.to_json_dict(), sort_keys=True, ensure_ascii=True)
    digest = hashlib.sha256(text.encode())
    digest.update(_catalog_digest(catalog).encode())
    return digest.hexdigest()


def _catalog_digest(catalog: Catalog) -> str:
    return _catalog_digest_cached(id(catalog), catalog)


@lru_cache(maxsize=16)
def _catalog_digest_cached(_key: int, catalog: Catalog) -> str:
    text = json.dumps([e.model_dump(mode="json") for e in catalog.exercises], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def read_clients(path: Path) -> Iterator[Client]:
    """The clients of INPUT, a folder of scenario files or a roster CSV, in a stable order."""
    if path.is_dir():
        return _folder_clients(path)
    if path.is_file() and path.suffix.lower() == ".csv":
        return _roster_clients(path)
    if not path.exists():
        raise InputError("no such folder or roster file", file=str(path))
    raise InputError("INPUT is a folder of scenario files (.toml, .json) or a roster .csv",
                     file=str(path))


def client_names(path: Path) -> list[str]:
    """Only the names of INPUT's clients (cheap: no scenario is read)."""
    if path.is_dir():
        return [p.stem for p in _scenario_files(path)]
    with path.open(newline="", encoding="utf-8") as fh:
        return [row.get("client", "").strip() for row in csv.DictReader(fh)]


def _scenario_files(folder: Path) -> list[Path]:
    files = sorted(p for p in folder.iterdir()
                   if p.suffix.lower() in SCENARIO_SUFFIXES and p.is_file()
                   and not p.name.endswith(".plan.json"))
    if not files:
        raise InputError("the folder holds no scenario files (.toml or .json)", file=str(folder))
    return files


def _folder_clients(folder: Path) -> Iterator[Client]:
    seen: set[str] = set()
    for file in _scenario_files(folder):
        name = file.stem
        client = Client(name=name, source=str(file))
        if not _check_name(client, seen):
            yield client
            continue
        try:
            client.scenario = parse_scenario(read_data_file(file), str(file), base=file.parent)
            client.catalog = scenario_catalog(client.scenario)
        except InputError as err:
            client.error = str(err)
        yield client


def _roster_clients(roster: Path) -> Iterator[Client]:
    csv.field_size_limit(MAX_ROSTER_FIELD)
    try:
        fh = roster.open(newline="", encoding="utf-8")
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", file=str(roster)) from None
    with fh:
        reader = csv.DictReader(fh)
        columns = [c.strip() for c in (reader.fieldnames or [])]
        missing = [c for c in ROSTER_COLUMNS if c not in columns]
        if missing:
            raise InputError(f"a roster needs the columns {', '.join(ROSTER_COLUMNS)} (then one "
                             f"column per dotted key to override); missing: {', '.join(missing)}",
                             file=str(roster))
        reader.fieldnames = columns
        seen: set[str] = set()
        templates: dict[Path, dict] = {}
        for number, row in enumerate(reader, start=2):  # row 1 is the header
            yield _roster_client(roster, number, row, seen, templates)


def _roster_client(roster: Path, number: int, row: dict, seen: set[str],
                   templates: dict[Path, dict]) -> Client:
    name = (row.get("client") or "").strip()
    source = f"{roster}: row {number}"
    client = Client(name=name or f"row-{number}", source=source)
    if not _check_name(client, seen):
        return client
    template = (row.get("scenario") or "").strip()
    try:
        if not template:
            raise InputError("empty; name a template scenario file", file=source,
                             field="scenario")
        path = (roster.parent / template).resolve()
        if path not in templates:
            if len(templates) > 64:  # many distinct templates: keep memory bounded
                templates.clear()
            templates[path] = read_data_file(path)
        data = copy.deepcopy(templates[path])
        for key, raw in row.items():
            if key in ROSTER_COLUMNS or key is None or raw is None or not raw.strip():
                continue  # an empty cell keeps the template's value
            set_dotted(data, key, parse_value(raw.strip()), field=key)
        client.scenario = parse_scenario(data, f"{source} (client {name})", base=path.parent)
        client.catalog = scenario_catalog(client.scenario)
    except InputError as err:
        client.error = str(err)
    return client


def _check_name(client: Client, seen: set[str]) -> bool:
    """A usable, unique client name; else the client carries the error."""
    if not CLIENT_NAME.match(client.name):
        client.error = (f"client name {client.name!r} cannot name a plan file: use letters, "
                        "digits, '.', '_' and '-' (at most 100)")
        return False
    if client.name in seen:
        client.error = f"client {client.name!r} appears twice; the first one is solved"
        return False
    seen.add(client.name)
    return True
