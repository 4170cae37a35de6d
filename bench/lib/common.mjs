// Helpers shared by the bench scripts: argument parsing, a seeded random generator, git's environment.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** bench/ itself. */
export const BENCH_DIR = fileURLToPath(new URL("..", import.meta.url));
/** Where generated sites and scratch files go (git-ignored). */
export const WORK_DIR = join(BENCH_DIR, ".work");

/** Parses `--name value`, `--name=value` and bare `--flag` into an object of strings and `true`. */
export function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) throw new Error(`unexpected argument ${arg}`);
    const eq = arg.indexOf("=");
    if (eq > 0) out[arg.slice(2, eq)] = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) out[arg.slice(2)] = argv[++i];
    else out[arg.slice(2)] = true;
  }
  return out;
}

/** A whole number from a flag or an environment variable, else the default. */
export function intOption(args, name, envName, fallback) {
  const raw = args[name] ?? process.env[envName];
  if (raw === undefined || raw === true) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got ${raw}`);
  return n;
}

/** mulberry32: small, fast, and the same numbers on every machine for a seed. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** An integer in [lo, hi]. */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

/** A git environment that ignores the developer's configuration and inherited GIT_* variables. */
export function gitEnv() {
  const home = join(WORK_DIR, "home");
  mkdirSync(home, { recursive: true });
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("GIT_")));
  return { ...env, HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: "1", LC_ALL: "C" };
}

/** Runs git synchronously in `cwd` and returns stdout. */
export function git(cwd, args, env = gitEnv()) {
  return execFileSync("git", args, { cwd, env, encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] });
}
