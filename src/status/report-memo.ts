import { createHash } from "node:crypto";
import type { Config } from "../config/schema.js";
import type { VerdictBasis } from "../core/evaluate.js";
import { POST_EXTENSIONS } from "../core/layout.js";
import { STATUSES, type Entry, type Post, type Report } from "../core/types.js";
import { CacheDir } from "../git/cache-file.js";
import type { GitEnv } from "../git/run.js";

// The last full report and what bringing it up to date needs, in the git dir's transtrack directory:
//   transtrack-report 1
//   {"key":"…","head":"<sha>","bytes":B,"sha256":"…"}
//   {"config":…,"report":…,"bases":[…],"posts":{…},"unsettled":[…],"sourceCommits":{…}}
const MAGIC = "transtrack-report";
/** Bumped whenever what is stored, or what a report holds, changes. */
const VERSION = 1;
const FILE = `report.v${VERSION}`;
const MAGIC_LINE = `${MAGIC} ${VERSION}`;
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** What a report memo holds: the report of a full run at `head`, with the inputs later runs compare against. */
export interface ReportMemo {
  head: string;
  /** The configuration the report was made with, already validated (the key covers the file's text). */
  config: Config;
  report: Report;
  /** Per entry of `report.translations`: the verdict's basis for judged entries, null for the others. */
  bases: (VerdictBasis | null)[];
  /** Every listed post path: its `postFingerprint` as read then. */
  posts: Record<string, string>;
  /** How many keys `posts` has. */
  postCount: number;
  /** Posts whose working-tree content was not HEAD's then (edited, staged or untracked): they are read again every time. */
  unsettled: string[];
  /** What each distinct `source_commit` value resolved to: "found" or a problem kind. */
  sourceCommits: Record<string, string>;
}

/** What linking knows of a post, as text to compare; "" for a listed path that couldn't be read as a file. */
export function postFingerprint(post: Post | null): string {
  return post === null ? "" : JSON.stringify(post);
}

/** What a memo is valid for besides its head: the format, transtrack's version, which files are posts, and the config file and its text. */
export function memoKey(version: string, configFile: string | null, configText: string | null): string {
  const what = JSON.stringify({ v: VERSION, version, posts: POST_EXTENSIONS, configFile, configText });
  return createHash("sha256").update(what).digest("hex");
}

/** The report memo of one repository (one worktree). */
export class ReportMemoFile {
  private constructor(
    private readonly dir: CacheDir,
    private readonly key: string,
  ) {}

  /** The memo file under this repository's git dir; null when the place is unusable. */
  static async open(git: GitEnv, key: string, gitDir?: string): Promise<ReportMemoFile | null> {
    const dir = await CacheDir.open(git, gitDir);
    return dir === null ? null : new ReportMemoFile(dir, key);
  }

  /** The memo, or null when there is none or it can't be trusted. */
  async read(): Promise<ReportMemo | null> {
    const contents = await this.dir.read(FILE, MAGIC_LINE, this.key);
    if (contents === null) return null;
    try {
      return decodeMemo(contents.header.head, JSON.parse(contents.body.toString("utf8")) as unknown);
    } catch {
      return null;
    }
  }

  /** Replaces the memo atomically; failures are ignored, the memo being an optimisation. */
  async write(memo: ReportMemo): Promise<void> {
    const { head, postCount: _count, ...body } = memo;
    await this.dir.write(FILE, MAGIC_LINE, { key: this.key, head }, Buffer.from(JSON.stringify(body)));
  }
}

/** A memo from its parsed body, or null unless its shape holds everywhere later runs rely on it. */
function decodeMemo(head: string, body: unknown): ReportMemo | null {
  if (!SHA.test(head) || !isObject(body)) return null;
  const { config, report, bases, posts, unsettled, sourceCommits } = body;
  if (!isObject(config) || !isReport(report) || report.head !== head) return null;
  if (!Array.isArray(bases) || bases.length !== report.translations.length || !bases.every((b) => b === null || isBasis(b))) return null;
  if (!isObject(posts) || !Object.values(posts).every((p) => typeof p === "string")) return null;
  const postCount = Object.keys(posts).length;
  if (!Array.isArray(unsettled) || !unsettled.every((p) => typeof p === "string")) return null;
  if (!isObject(sourceCommits) || !Object.values(sourceCommits).every((k) => typeof k === "string")) return null;
  return {
    head,
    config: config as unknown as Config,
    report,
    bases: bases as (VerdictBasis | null)[],
    posts: posts as Record<string, string>,
    postCount,
    unsettled: unsettled as string[],
    sourceCommits: sourceCommits as Record<string, string>,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const nullableString = (v: unknown) => v === null || typeof v === "string";

/** A report's shape, down to every entry's fields. */
function isReport(value: unknown): value is Report {
  if (!isObject(value) || value.schemaVersion !== 1 || typeof value.head !== "string") return false;
  if (!Array.isArray(value.languages) || !isObject(value.summary) || !Array.isArray(value.problems) || !Array.isArray(value.translations)) return false;
  return value.translations.every(isEntry);
}

function isEntry(value: unknown): value is Entry {
  if (!isObject(value)) return false;
  const e = value;
  return (
    typeof e.lang === "string" &&
    nullableString(e.source) &&
    nullableString(e.translation) &&
    STATUSES.includes(e.status as Entry["status"]) &&
    nullableString(e.baseline) &&
    nullableString(e.sourceCommit) &&
    Number.isInteger(e.commitsBehind) &&
    Number.isInteger(e.linesAdded) &&
    Number.isInteger(e.linesRemoved) &&
    nullableString(e.staleSince) &&
    Array.isArray(e.problems)
  );
}

function isBasis(value: unknown): value is VerdictBasis {
  if (!isObject(value)) return false;
  return (
    typeof value.baselineBlob === "string" &&
    SHA.test(value.baselineBlob) &&
    (value.baselineDigest === null || typeof value.baselineDigest === "string") &&
    Array.isArray(value.times) &&
    value.times.every((t) => typeof t === "number" && Number.isFinite(t)) &&
    typeof value.complete === "boolean"
  );
}
