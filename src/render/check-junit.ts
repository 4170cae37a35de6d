import type { Deferral, Violation } from "../core/policy.js";
import type { Entry } from "../core/types.js";
import type { CheckResult } from "./check-result.js";
import { entryFinder, langLabel, violationFile, violationLines } from "./check-messages.js";

// Characters XML 1.0 can't carry at all, even escaped: C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for an XML attribute or element, dropping characters XML can't hold. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    // Attribute values would have their line breaks turned into spaces by every parser.
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}

type Outcome = { kind: "pass" } | { kind: "failure"; violation: Violation } | { kind: "skipped"; reason: string };

/**
 * `check --format junit`: JUnit XML that any CI server shows. One `<testsuite>` per language, one
 * `<testcase>` per entry of the report; violations are `<failure>`s, entries with a status that
 * doesn't fail (missing, or let through by the grace period or `--since`) are `<skipped>`.
 */
export function renderCheckJunit({ report, violations, deferred, since, t }: CheckResult): string {
  const find = entryFinder(report);
  const key = (e: Pick<Entry, "lang" | "translation" | "source">) => `${e.lang}\0${e.translation ?? ""}\0${e.source ?? ""}`;
  const failed = new Map(violations.map((v) => [key(v), v]));
  const letThrough = new Map<string, Deferral>(deferred.map((d) => [key(d), d]));
  const outcome = (e: Entry): Outcome => {
    const violation = failed.get(key(e));
    if (violation) return { kind: "failure", violation };
    const deferral = letThrough.get(key(e));
    if (deferral) return { kind: "skipped", reason: t(`checkFormats.deferred.${deferral.reason}`, { ref: since?.ref ?? "" }) };
    if (e.status !== "up-to-date") return { kind: "skipped", reason: t("checkFormats.deferred.notFailing") };
    return { kind: "pass" };
  };

  const languages = [...new Set([...report.languages, ...report.translations.map((e) => e.lang)])];
  const suites: string[] = [];
  let total = 0;
  let failures = 0;
  let skipped = 0;
  for (const lang of languages) {
    const entries = report.translations.filter((e) => e.lang === lang);
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteSkipped = 0;
    for (const e of entries) {
      const name = violationFile(e);
      const o = outcome(e);
      const open = `    <testcase classname="${escapeXml(`transtrack.${langLabel(lang)}`)}" name="${escapeXml(name)}" file="${escapeXml(name)}" time="0"`;
      if (o.kind === "pass") {
        cases.push(`${open}/>`);
      } else if (o.kind === "skipped") {
        suiteSkipped++;
        cases.push(`${open}>\n      <skipped message="${escapeXml(`${e.status}: ${o.reason}`)}"/>\n    </testcase>`);
      } else {
        suiteFailures++;
        const lines = violationLines(o.violation, find(o.violation), t);
        const details = [...lines, ...facts(e)].join("\n");
        cases.push(
          `${open}>\n      <failure type="${escapeXml(e.status)}" message="${escapeXml(lines[0]!)}">${escapeXml(details)}</failure>\n    </testcase>`,
        );
      }
    }
    total += entries.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    const attrs = `name="${escapeXml(langLabel(lang))}" tests="${entries.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}" time="0"`;
    suites.push(cases.length ? `  <testsuite ${attrs}>\n${cases.join("\n")}\n  </testsuite>` : `  <testsuite ${attrs}/>`);
  }
  const head = `<testsuites name="transtrack" tests="${total}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}\n${suites.map((s) => `${s}\n`).join("")}</testsuites>\n`;
}

/** The entry's data, as stable `key: value` lines for the failure's body. */
function facts(e: Entry): string[] {
  const lines = [`status: ${e.status}`, `source: ${e.source ?? "-"}`, `baseline: ${e.baseline ?? "-"}`];
  if (e.status === "stale") lines.push(`commitsBehind: ${e.commitsBehind}`, `lines: +${e.linesAdded} -${e.linesRemoved}`, `staleSince: ${e.staleSince ?? "-"}`);
  return lines;
}
