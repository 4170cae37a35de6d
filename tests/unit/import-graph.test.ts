import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

/** One import of a source file: its unit (top-level folder under src/, or a top-level file's name), the target's, and whether only types. */
interface Edge {
  from: string;
  /** A unit, or `package:<name>` for anything outside src/. */
  to: string;
  spec: string;
  typeOnly: boolean;
  file: string;
}

/** `cli/commands/check.ts` → `cli`; `errors.ts` → `errors`. */
const unitOf = (path: string) => relative(SRC, path).split("/")[0]!.replace(/\.ts$/, "");

/** What a module specifier names, read by the TypeScript parser so comments and strings never count. */
function specifiers(file: string, text: string): { spec: string; typeOnly: boolean }[] {
  const found: { spec: string; typeOnly: boolean }[] = [];
  const add = (node: ts.Node | undefined, typeOnly: boolean) => {
    if (node && ts.isStringLiteralLike(node)) found.push({ spec: node.text, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : null;
      // `import { type A, type B }` is erased as wholly as `import type { A, B }`; a bare `import "x"` runs.
      const allTypes = clause !== undefined && !clause.name && named !== null && named.length > 0 && named.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier, clause?.isTypeOnly === true || allTypes);
    } else if (ts.isExportDeclaration(node)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : null;
      add(node.moduleSpecifier, node.isTypeOnly || (named !== null && named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true); // `typeof import("x")`, `import("x").T`
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isRequire =
        (ts.isIdentifier(callee) && callee.text === "require") ||
        (ts.isCallExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === "createRequire");
      if (callee.kind === ts.SyntaxKind.ImportKeyword || isRequire) {
        const [arg] = node.arguments;
        // A computed specifier would hide its edge from this test.
        if (arg && !ts.isStringLiteralLike(arg)) throw new Error(`${file}: ${node.getText()} names its module by a computed value`);
        add(arg, false);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  return found;
}

/** Every import of every source file under src/. */
function edges(): Edge[] {
  const files = (readdirSync(SRC, { recursive: true, encoding: "utf8" }) as string[]).filter((f) => f.endsWith(".ts")).sort();
  return files.flatMap((file) => {
    const path = join(SRC, file);
    return specifiers(file, readFileSync(path, "utf8")).map(({ spec, typeOnly }) => {
      if (!spec.startsWith(".")) return { from: unitOf(path), to: `package:${spec}`, spec, typeOnly, file };
      const target = resolve(dirname(path), spec).replace(/\.js$/, ".ts");
      if (!target.startsWith(SRC) || !existsSync(target)) throw new Error(`${file}: "${spec}" names no module under src/`);
      return { from: unitOf(path), to: unitOf(target), spec, typeOnly, file };
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

/** The imports that make up a cycle, `file → spec` per step, so a failure says what to move. */
function explain(cycle: string[], all: readonly Edge[]): string[] {
  return cycle.slice(1).flatMap((to, i) => all.filter((e) => e.from === cycle[i] && e.to === to).map((e) => `${e.from} → ${e.to}: src/${e.file} imports${e.typeOnly ? " type" : ""} ${e.spec}`));
}

/** Modules the core may not reach: the file system and every other Node builtin, git, prompts, i18n. */
const IMPURE = new Set([...builtinModules, "simple-git", "inquirer", "i18next", "gray-matter", "js-yaml"]);
const isImpure = (spec: string) => spec.startsWith("node:") || spec.startsWith("@inquirer/") || IMPURE.has(spec.split("/")[0]!);

describe("the folders of src/", () => {
  const all = edges();

  it("are read whole: static, dynamic and type imports alike", () => {
    // A parser that lost its way would find no edges and pass everything below.
    expect(all.length).toBeGreaterThan(150);
    const has = (from: string, spec: string, typeOnly: boolean) => all.some((e) => e.file === from && e.spec === spec && e.typeOnly === typeOnly);
    expect(has("cli/commands/update-run.ts", "../prompts.js", false)).toBe(true); // await import(...)
    expect(has("cli/commands/common.ts", "commander", true)).toBe(true); // import("commander").Command
    expect(has("cli/i18n.ts", "i18next", false)).toBe(true); // createRequire(...)("i18next")
    expect(has("update/session.ts", "./prompter.js", false)).toBe(true);
    expect(all.filter((e) => e.file === "core/layout.ts" && e.spec === "../config/schema.js").map((e) => e.typeOnly)).toEqual([true]);
  });

  it("import each other in no circle, counting type-only imports", () => {
    const graph = new Map<string, Set<string>>();
    for (const e of all) {
      if (e.to.startsWith("package:") || e.from === e.to) continue;
      graph.set(e.from, (graph.get(e.from) ?? new Set()).add(e.to));
    }
    expect(graph.size).toBeGreaterThan(5);
    const cycle = findCycle(graph);
    expect(cycle && explain(cycle, all)).toBeNull();
  });

  it("finds a circle when there is one", () => {
    const graph = new Map([["a", new Set(["b"])], ["b", new Set(["c"])], ["c", new Set(["a"])], ["d", new Set(["a"])]]);
    expect(findCycle(graph)).toEqual(["a", "b", "c", "a"]);
    expect(findCycle(new Map([["a", new Set(["b"])], ["b", new Set<string>()]]))).toBeNull();
  });

  it("keep the core pure: no Node builtin, no git, prompts, YAML or i18n, not even for types", () => {
    const core = all.filter((e) => e.from === "core");
    expect(core.length).toBeGreaterThan(0);
    expect(core.filter((e) => e.to.startsWith("package:") && isImpure(e.spec))).toEqual([]);
    // Below the core lie only the configuration's types, the error codes, the language-tag pattern and the key-path reader.
    const upward = core.filter((e) => !e.to.startsWith("package:") && !["core", "config", "errors", "lang-tag", "key-path"].includes(e.to));
    expect(upward).toEqual([]);
  });

  it("let no renderer import session or status code at run time", () => {
    const wrong = all.filter((e) => e.from === "render" && !e.typeOnly && (e.to === "update" || e.to === "status" || e.to === "cli"));
    expect(wrong).toEqual([]);
  });
});
