"""The directory's periodic job: the import of a data·inclusion file the operator keeps up to date.

`RECOURS_DIRECTORY_IMPORT_FILE` (a path; the services' file, with its structures' file beside it
in `RECOURS_DIRECTORY_IMPORT_STRUCTURES_FILE` when the export comes in two) is imported every
`RECOURS_DIRECTORY_IMPORT_EVERY_HOURS`, all or nothing as from the console: one rejected row and
nothing is written, the run's summary names the count (the console's periodic runs show it).
"""

import datetime as dt

from django.conf import settings

from recours.core.periodic import periodic_job


@periodic_job("directory.import", every=dt.timedelta(hours=settings.RECOURS_DIRECTORY_IMPORT_EVERY_HOURS),
              description="Import programmé du fichier data·inclusion tenu par l'exploitant")
def directory_scheduled_import() -> str:
    from pathlib import Path

    from recours.directory.imports import directory_import

    path = settings.RECOURS_DIRECTORY_IMPORT_FILE
    if not path:
        return "no file configured"
    structures = settings.RECOURS_DIRECTORY_IMPORT_STRUCTURES_FILE or None
    report = directory_import(Path(path), structures_source=Path(structures) if structures else None)
    if not report.written:
        return f"nothing written: {len(report.rejected)} rejected of {report.rows} rows"
    counts = report.counts
    return (f"{report.rows} rows: structures +{counts.structures_created} ~{counts.structures_updated}, "
            f"services +{counts.services_created} ~{counts.services_updated}")
