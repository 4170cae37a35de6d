import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** What a fake translator saw in one run: its argv, its TRANSTRACK_ variables, and its {diff} file's text. */
export interface TranslatorCall {
  argv: string[];
  env: Record<string, string>;
  diff: string | null;
}

/** Fake translators for `update --exec`, as small Node scripts in a folder whose name needs quoting; each logs its calls. */
export interface Translators {
  dir: string;
  /** The command line that runs one of them, the way a user would write it (interpreter and script quoted). */
  command(name: TranslatorName, extra?: string): string;
  /** Every call logged so far, in the order they started. */
  calls(): TranslatorCall[];
  /** Pids of the children the `hang` translator left behind. */
  orphans(): number[];
  cleanup(): void;
}

export type TranslatorName = "rewrite" | "fail" | "hang" | "broken" | "delete" | "noop" | "pair" | "commitOriginal" | "hangUnlessAlpha";

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

const PRELUDE = `
import { appendFileSync, readFileSync, writeFileSync, unlinkSync, existsSync, readdirSync, mkdirSync } from "node:fs";
import { spawn, execFileSync } from "node:child_process";
const env = process.env;
const names = ["SOURCE", "TRANSLATION", "LANG", "SOURCE_LANG", "BASELINE", "HEAD", "DIFF"];
const seen = Object.fromEntries(names.map((n) => ["TRANSTRACK_" + n, env["TRANSTRACK_" + n]]));
const diff = env.TRANSTRACK_DIFF && existsSync(env.TRANSTRACK_DIFF) ? readFileSync(env.TRANSTRACK_DIFF, "utf8") : null;
appendFileSync(LOG, JSON.stringify({ argv: process.argv.slice(2), env: seen, diff }) + "\\n");
const out = env.TRANSTRACK_TRANSLATION;
const lang = env.TRANSTRACK_LANG;
/** A machine translation: its own front-matter (generated, model), the original's body tagged with the language. */
function translate() {
  const original = readFileSync(env.TRANSTRACK_SOURCE, "utf8").replace(/\\r\\n/g, "\\n");
  const body = original.startsWith("---\\n") ? original.slice(original.indexOf("\\n---\\n", 3) + 5) : original;
  writeFileSync(out, "---\\nlang: " + lang + "\\ngenerated: true\\nmodel: fake/model-1 # kept\\ntitle: '[" + lang + "] translated'\\n---\\n[" + lang + "] " + body);
}
/** Starts a grandchild in the same process group that would run forever, and notes its pid. */
function leaveOrphan() {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  appendFileSync(ORPHANS, child.pid + "\\n");
}
`;

const BODIES: Record<TranslatorName, string> = {
  rewrite: "translate();",
  fail: `writeFileSync(out, "half a translation");\nfor (let i = 1; i <= 15; i++) process.stderr.write("error line " + i + "\\n");\nprocess.exit(3);`,
  hang: `writeFileSync(out, "half a translation");\nleaveOrphan();\nsetInterval(() => {}, 1000);`,
  broken: `writeFileSync(out, "---\\ntitle: [unclosed\\nlang: " + lang + "\\n---\\nbody\\n");`,
  delete: `if (existsSync(out)) unlinkSync(out);`,
  noop: ``,
  // Waits until a second run has started (so two ran at once), then translates; gives up after a long while.
  pair: `mkdirSync(BARRIER, { recursive: true });\nwriteFileSync(BARRIER + "/" + process.pid, "");\nconst until = Date.now() + 20000;\nconst wait = () => { if (readdirSync(BARRIER).length >= 2) { translate(); return; } if (Date.now() > until) { process.stderr.write("alone\\n"); process.exit(9); } setTimeout(wait, 20); };\nwait();`,
  // Commits a change to its original while it runs, as a colleague pushing meanwhile would.
  commitOriginal: `const src = env.TRANSTRACK_SOURCE;\nwriteFileSync(src, readFileSync(src, "utf8") + "\\nA late paragraph.\\n");\nexecFileSync("git", ["-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", "Late change", "--", src]);\ntranslate();`,
  // Translates alpha at once; for every other post, writes half a file, leaves a grandchild and hangs.
  hangUnlessAlpha: `if (out.includes("alpha")) translate();\nelse {\n  writeFileSync(out, "half a translation");\n  leaveOrphan();\n  writeFileSync(STARTED + "/" + process.pid, out);\n  setInterval(() => {}, 1000);\n}`,
};

/** Writes the fake translators into a fresh folder. */
export function translators(): Translators {
  const dir = mkdtempSync(join(tmpdir(), "transtrack-translators-"));
  const bin = join(dir, "fake tools");
  mkdirSync(bin);
  const log = join(dir, "calls.jsonl");
  const orphans = join(dir, "orphans");
  const started = join(dir, "started");
  mkdirSync(started);
  const constants = `const LOG = ${JSON.stringify(log)};\nconst ORPHANS = ${JSON.stringify(orphans)};\nconst BARRIER = ${JSON.stringify(join(dir, "barrier"))};\nconst STARTED = ${JSON.stringify(started)};\n`;
  for (const [name, body] of Object.entries(BODIES)) writeFileSync(join(bin, `${name}.mjs`), `${constants}${PRELUDE}\n${body}\n`);
  return {
    dir,
    command: (name, extra = "") => `${quote(process.execPath)} ${quote(join(bin, `${name}.mjs`))}${extra ? ` ${extra}` : ""}`,
    calls: () => (existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as TranslatorCall) : []),
    orphans: () => (existsSync(orphans) ? readFileSync(orphans, "utf8").split("\n").filter(Boolean).map(Number) : []),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Whether a process is still running: not gone, and not a zombie waiting to be reaped. */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The state follows the command name, which is in parentheses and may hold spaces.
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/** Polls until none of the processes runs; false when some still do after a long while. */
export async function allEnded(pids: readonly number[]): Promise<boolean> {
  const deadline = Date.now() + 10_000;
  while (pids.some(isRunning)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

/** The folder where `hangUnlessAlpha` notes each hanging run. */
export function startedDir(t: Translators): string {
  return join(t.dir, "started");
}
