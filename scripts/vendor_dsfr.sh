#!/bin/sh
# Vendors the parts of the State design system (@gouvfr/dsfr) that the "dsfr" theme uses:
# one stylesheet (the core and the components below, concatenated, urls made relative to it),
# the fonts it names (Marianne, Spectral) and the icons it names, and the licence.
# Usage: scripts/vendor_dsfr.sh [VERSION]   (needs npm; nothing is fetched at run time)
set -eu
VERSION="${1:-1.15.3}"
COMPONENTS="button alert form input checkbox radio select header footer logo link stepper skiplink badge notice callout"
DEST="$(cd "$(dirname "$0")/.." && pwd)/recours/theme/static/theme/dsfr"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "@gouvfr/dsfr@$VERSION" >/dev/null && tar xzf gouvfr-dsfr-*.tgz)
SRC="$WORK/package/dist"
# Everything but this folder's README (kept under git, written by hand) is replaced.
mkdir -p "$DEST" && find "$DEST" -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
mkdir -p "$DEST/fonts" "$DEST/icons"
{
  cat "$SRC/core/core.main.min.css"; echo
  for c in $COMPONENTS; do cat "$SRC/component/$c/$c.main.min.css"; echo; done
} | sed -E 's#url\((\.\./)+#url(#g' > "$DEST/dsfr.min.css"
# Every file the stylesheet names (fonts/..., icons/...) is copied beside it: nothing else.
grep -oE 'url\((fonts|icons)/[^)]+\)' "$DEST/dsfr.min.css" | sed -E 's#^url\(##; s#\)$##' | sort -u | while read -r f; do
  mkdir -p "$DEST/$(dirname "$f")"
  cp "$SRC/$f" "$DEST/$f"
done
cp "$WORK/package/LICENSE.md" "$DEST/LICENSE.md"
echo "$VERSION" > "$DEST/VERSION"
echo "DSFR $VERSION vendored in $DEST"
