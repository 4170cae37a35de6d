import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g;

/** Every source file's imports: the file's unit (its top-level folder under src/, or itself), each target's, and whether only types. */
function edges(): { from: string; to: string; spec: string; typeOnly: boolean; file: string }[] {
  const unit = (path: string) => relative(SRC, path).split("/")[0]!.replace(/\.(ts|js)$/, "");
  const files = (readdirSync(SRC, { recursive: true, encoding: "utf8" }) as string[]).filter((f) => f.endsWith(".ts"));
  return files.flatMap((file) => {
    const text = readFileSync(join(SRC, file), "utf8");
    return [...text.matchAll(IMPORT)].map((m) => {
      const spec = m[3] ?? m[4]!;
      const to = spec.startsWith(".") ? unit(resolve(dirname(join(SRC, file)), spec)) : `package:${spec}`;
      return { from: unit(join(SRC, file)), to, spec, typeOnly: m[2] !== undefined, file };
    });
  });
}

/** A cycle among the units, as a path, or null. */
function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === "done") return null;
    if (state.get(node) === "open") return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, "done");
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe("the folders of src/", () => {
  const all = edges();

  it("import each other in no circle, counting type-only imports", () => {
    const graph = new Map<string, Set<string>>();
    for (const e of all) {
      if (e.to.startsWith("package:") || e.from === e.to) continue;
      graph.set(e.from, (graph.get(e.from) ?? new Set()).add(e.to));
    }
    expect(graph.size).toBeGreaterThan(5);
    expect(findCycle(graph)).toBeNull();
  });

  it("finds a circle when there is one", () => {
    const graph = new Map([["a", new Set(["b"])], ["b", new Set(["c"])], ["c", new Set(["a"])]]);
    expect(findCycle(graph)).toEqual(["a", "b", "c", "a"]);
  });

  it("keep the core pure: no file system, git, prompts or i18n (path arithmetic is allowed)", () => {
    const core = all.filter((e) => e.from === "core");
    expect(core.length).toBeGreaterThan(0);
    const impure = core.filter((e) => e.to.startsWith("package:") && /^(node:(?!path$)|fs|child_process|simple-git|@inquirer|i18next)/.test(e.spec));
    expect(impure).toEqual([]);
    // Below the core lie only the configuration's types, the error codes and the language-tag pattern.
    const upward = core.filter((e) => !e.to.startsWith("package:") && !["core", "config", "errors", "lang-tag"].includes(e.to));
    expect(upward).toEqual([]);
  });

  it("let no renderer import session or status code at run time", () => {
    const wrong = all.filter((e) => e.from === "render" && !e.typeOnly && (e.to === "update" || e.to === "status" || e.to === "cli"));
    expect(wrong).toEqual([]);
  });
});
