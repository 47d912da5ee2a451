"""Run axe-core (vendored, see vendor/README.md) on a page; fail on serious or critical violations.

How axe gets into the page: the pages' CSP is `script-src 'self'`, so a <script> tag
(Playwright's add_script_tag, inline or from a file) is blocked. The source is instead
evaluated by the driver (`page.evaluate(AXE_SOURCE)`, DevTools' Runtime domain), which
the page's CSP does not govern: the application's policy stays on, unweakened, and any
violation the page itself causes is still reported (see browser_log in fixtures.py).

With JavaScript turned off (nojs_page) the driver can still evaluate code, but the page's
timers never fire and axe waits on setTimeout; there, for the time of the audit,
setTimeout is replaced by a microtask and axe's CSS preloading is turned off.
"""

import warnings
from pathlib import Path

AXE_SOURCE = (Path(__file__).resolve().parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FAILING_IMPACTS = {"serious", "critical"}
MAX_NODES = 10
HTML_CHARS = 200


class AccessibilityWarning(UserWarning):
    """A minor or moderate axe violation: reported, not failed."""


# Parsing <noscript> content as markup only happens when scripting is off for the document.
_SCRIPTING_ENABLED = """() => {
  const box = document.createElement("div");
  box.innerHTML = "<noscript><p>x</p></noscript>";
  return box.querySelector("noscript p") === null;
}"""

_TIMERS_WITHOUT_SCRIPTING = """() => {
  window.setTimeout = (callback, _delay, ...args) => { Promise.resolve().then(() => callback(...args)); return 0; };
  window.clearTimeout = () => {};
}"""

_RUN = """async ({tags, preload}) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"], preload});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target, html: n.html, summary: n.failureSummary || ""})),
  }));
}"""


def inject_axe(page) -> None:
    """Make window.axe available in the page's main world, under the page's own CSP."""
    if not page.evaluate("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        page.evaluate(AXE_SOURCE)
    if not page.evaluate("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        raise RuntimeError(f"axe-core could not be loaded into {page.url}")


def run_axe(page) -> list[dict]:
    """Every violation axe finds on the page as it stands (all impacts)."""
    inject_axe(page)
    scripting = page.evaluate(_SCRIPTING_ENABLED)
    if not scripting:
        page.evaluate(_TIMERS_WITHOUT_SCRIPTING)
    return page.evaluate(_RUN, {"tags": TAGS, "preload": scripting})


def _describe(violation: dict) -> str:
    lines = [f"- {violation['id']} [{violation['impact']}] {violation['help']} ({violation['helpUrl']})"]
    for node in violation["nodes"][:MAX_NODES]:
        html = " ".join(node["html"].split())
        html = html if len(html) <= HTML_CHARS else html[: HTML_CHARS - 1] + "…"
        lines.append(f"    {' '.join(map(str, node['target']))}\n      {html}")
        summary = "; ".join(line.strip() for line in node["summary"].splitlines() if line.strip())
        if summary:
            lines.append(f"      {summary if len(summary) <= 240 else summary[:239] + '…'}")
    if len(violation["nodes"]) > MAX_NODES:
        lines.append(f"    … and {len(violation['nodes']) - MAX_NODES} more")
    return "\n".join(lines)


def assert_accessible(page, *, context: str = "") -> list[dict]:
    """Fail on any serious or critical axe violation; warn about minor and moderate ones.

    `context` names the page or state in the messages (defaults to the URL). Returns all
    violations, for tests that want to look further.
    """
    violations = run_axe(page)
    where = f"{context} ({page.url})" if context else page.url
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    lesser = [v for v in violations if v["impact"] not in FAILING_IMPACTS]
    if lesser:
        text = f"axe, {where}: {len(lesser)} minor/moderate violation(s)\n" + "\n".join(map(_describe, lesser))
        print(text)
        warnings.warn(text, AccessibilityWarning, stacklevel=2)
    assert not failing, f"axe, {where}: {len(failing)} serious/critical violation(s)\n" + "\n".join(
        map(_describe, failing)
    )
    return violations

