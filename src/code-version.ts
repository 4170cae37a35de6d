import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

let computed: string | null = null;

/**
 * A digest of transtrack's own code: every module of this build (or of the sources, when run from
 * them) and its package.json, which pins every dependency exactly. Caches are keyed by it, so a cache
 * written by any other build, even one that differs in a single line of a rule, is never read: no
 * format version has to be bumped by hand.
 */
export function codeVersion(): string {
  if (computed !== null) return computed;
  const here = fileURLToPath(new URL(".", import.meta.url));
  const hash = createHash("sha256");
  const files = (readdirSync(here, { recursive: true, encoding: "utf8" }) as string[])
    .filter((f) => /\.(js|ts|json)$/.test(f) && !f.endsWith(".d.ts"))
    .sort();
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(`${here}/${file}`)).update("\0");
  hash.update(readFileSync(new URL("../package.json", import.meta.url)));
  computed = hash.digest("hex");
  return computed;
}
