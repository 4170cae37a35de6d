import { createHash } from "node:crypto";
import type { Config } from "../config/schema.js";
import type { VerdictBasis } from "../core/evaluate.js";
import { POST_EXTENSIONS } from "../core/layout.js";
import { newPost, STATUSES, type Entry, type Post, type Problem, type Report, type Summary } from "../core/types.js";
import { CacheDir, type CacheHeader } from "../git/cache-file.js";
import { ENTRY_SEPARATOR, entryText, renderJson, reportFrame } from "../render/json.js";
import type { GitEnv } from "../git/run.js";
import type { StatusOptions } from "./options.js";

// The last full report and what bringing it up to date needs, in the git dir's transtrack directory.
// A run that can refresh it reads only what it needs: the few entries the new commits touch are found
// through an index by path, and the JSON output is spliced from the stored text of the others.
//   transtrack-report 6
//   {"key":"…","head":"<sha>","bytes":B,"crc32":C}
//   <meta JSON>\n  then the sections it places: entries, entryStarts, bases, baseStarts, paths, posts, suffix
const MAGIC = "transtrack-report";
/** Bumped whenever what is stored, or what a report holds, changes. */
const VERSION = 7;
const FILE = `report.v${VERSION}`;
const MAGIC_LINE = `${MAGIC} ${VERSION}`;
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
/** Between two entries of the report's `translations`, as `renderJson` writes them. */
const SEPARATOR = Buffer.from(ENTRY_SEPARATOR);
const SECTIONS = ["entries", "entryStarts", "bases", "baseStarts", "paths", "posts", "suffix"] as const;
type Section = (typeof SECTIONS)[number];

/** What a full run leaves for later runs. */
export interface MemoInput {
  head: string;
  /** The configuration the report was made with, already validated (the key covers the file's text). */
  config: Config;
  report: Report;
  /** Per entry of `report.translations`: the verdict's basis for judged entries, null for the others. */
  bases: readonly (VerdictBasis | null)[];
  /**
   * Every listed post path, in listing order, with what was read of it (null when it couldn't be read as a
   * file), whether HEAD has it (`committed`), and for an original whether its newest change descends from
   * all its others (`settled`).
   */
  posts: readonly { path: string; post: Post | null; committed: boolean; settled: boolean }[];
  /** The answers of `movedTo` that linking asked for, with every path each answer looked at. */
  moved: Record<string, { to: string | null; seen: string[] }>;
  /** Post paths the history has changes of that are not listed (deleted, renamed away): a post added there has a past. */
  gone: string[];
  /** Posts whose working-tree content was not HEAD's (edited, staged or untracked), with their content's digest. */
  unsettled: readonly { path: string; content: string }[];
  /**
   * Posts read through a symbolic link. None is an original or a translation (else there is no memo), but
   * the file behind one can change without git showing a post changed: a later run reads each again.
   */
  linked: readonly string[];
  /** What each distinct `source_commit` value resolved to: "found" or a problem kind. */
  sourceCommits: Record<string, string>;
}

/** The memo's small part, read whole. */
interface Meta {
  config: Config;
  languages: string[];
  summary: Record<string, Summary>;
  count: number;
  /** Digest of the listed post paths, in listing order. */
  postList: string;
  unsettled: [string, string][];
  linked: string[];
  moved: Record<string, { to: string | null; seen: string[] }>;
  gone: string[];
  sourceCommits: Record<string, string>;
  sections: Record<Section, [number, number]>;
}

/** Whether a status run can come from the memo: the whole report, committed originals, cache allowed. */
export function memoApplies(options: StatusOptions): boolean {
  return options.cache !== false && !options.worktree && !(options.paths?.length) && !(options.languages?.length);
}
/**
 * Whether two readings of a post link alike: every field linking reads is the same, `source_commit`
 * aside (a new value moves the translation's baseline, which a refresh follows itself); null stands
 * for a listed path that couldn't be read as a file.
 */
export function linksAlike(a: Post | null, b: Post | null): boolean {
  if (a === null || b === null) return a === b;
  return STORED_FIELDS.every((field) => field === "sourceCommit" || (field === "problems" ? JSON.stringify(a.problems) === JSON.stringify(b.problems) : a[field] === b[field]));
}

/** The digest of a listing's post paths. */
export function postListDigest(paths: readonly string[]): string {
  return sha1(paths.join("\0"));
}

/** The digest of a post's bytes, telling an unsettled post unchanged without parsing it. */
export function contentDigestOf(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("hex");
}

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
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

  /** The HEAD a memo covers, read before its body is checked; `memo()` checks and decodes it (null when it can't be trusted). */
  async peek(): Promise<{ head: string; memo(): ReportMemo | null } | null> {
    const file = await this.dir.open(FILE, MAGIC_LINE, this.key);
    if (file === null || !SHA.test(file.header.head)) return null;
    return {
      head: file.header.head,
      memo: () => {
        const contents = file.verified();
        return contents === null ? null : ReportMemo.decode(contents.header, contents.body);
      },
    };
  }

  /**
   * Replaces the memo atomically; failures are ignored, the memo being an optimisation. Returns the
   * report's entries as rendered for it (the text between `reportFrame`'s prefix and suffix, in parts), so
   * that the caller prints them without rendering them again; null when they weren't all rendered.
   */
  async write(input: MemoInput): Promise<Buffer[] | null> {
    const body = encodeMemo(input);
    await this.dir.write(FILE, MAGIC_LINE, () => ({ key: this.key, head: input.head, meta: body.meta() }), body.parts);
    // An earlier format's memo is never read again.
    for (let version = 1; version < VERSION; version++) await this.dir.remove(`report.v${version}`);
    return body.entries();
  }
}

/**
 * The memo body, produced part by part as it is written: the sections in order, then the meta line;
 * `meta` gives where that line lies once the parts have all been taken.
 */
export function encodeMemo(input: MemoInput): { parts: Iterable<Buffer>; meta(): [number, number]; entries(): Buffer[] | null } {
  let metaRange: [number, number] | null = null;
  const entries: Buffer[] = [];
  let entriesDone = false;
  function* parts(): Generator<Buffer> {
    const { report } = input;
    const sections = {} as Record<Section, [number, number]>;
    let at = 0;
    const section = function* (name: Section, pieces: Iterable<Buffer>): Generator<Buffer> {
      const start = at;
      for (const piece of pieces) {
        at += piece.length;
        yield piece;
      }
      sections[name] = [start, at - start];
    };
    const entryStarts = Buffer.alloc(4 * (report.translations.length + 1));
    for (const part of section("entries", joined(report.translations.length, (i) => entryText(report.translations[i]!), ENTRY_SEPARATOR, entryStarts))) {
      entries.push(part);
      yield part;
    }
    entriesDone = true;
    yield* section("entryStarts", [entryStarts]);
    const baseStarts = Buffer.alloc(4 * (input.bases.length + 1));
    yield* section("bases", joined(input.bases.length, (i) => JSON.stringify(input.bases[i]), "\n", baseStarts));
    yield* section("baseStarts", [baseStarts]);
    yield* section("paths", lines([...pathIndex(report)].map(([path, list]) => `${JSON.stringify(path)}\t${list.join(",")}`)));
    yield* section("posts", lines(input.posts.map((p) => `${JSON.stringify(p.path)}\t${p.settled ? 1 : 0}\t${p.committed ? 1 : 0}\t${encodePost(p.post)}`)));
    // Everything after the entries: the problems and the closing brace, rendered without the entries.
    yield* section("suffix", [Buffer.from(reportFrame(report).suffix)]);
    const meta: Meta = {
      config: input.config,
      languages: report.languages,
      summary: report.summary,
      count: report.translations.length,
      postList: postListDigest(input.posts.map((p) => p.path)),
      unsettled: input.unsettled.map((u) => [u.path, u.content]),
      linked: [...input.linked],
      moved: input.moved,
      gone: input.gone,
      sourceCommits: input.sourceCommits,
      sections,
    };
    const line = Buffer.from(JSON.stringify(meta));
    metaRange = [at, line.length];
    yield line;
  }
  return {
    parts: parts(),
    meta: () => {
      if (metaRange === null) throw new Error("memo parts not all taken");
      return metaRange;
    },
    entries: () => (entriesDone ? entries : null),
  };
}

/** Which entries name each path as their original or translation. */
function pathIndex(report: Report): Map<string, number[]> {
  const byPath = new Map<string, number[]>();
  report.translations.forEach((e, i) => {
    for (const path of new Set([e.source, e.translation])) {
      if (path === null) continue;
      const list = byPath.get(path);
      if (list) list.push(i);
      else byPath.set(path, [i]);
    }
  });
  return byPath;
}

/** Lines as a section a path is looked up in: each begins after a newline, the last ends with one. */
function* lines(texts: readonly string[]): Generator<Buffer> {
  yield Buffer.from("\n");
  for (let first = 0; first < texts.length; first += 4096) yield Buffer.from(`${texts.slice(first, first + 4096).join("\n")}\n`);
}

/**
 * `count` texts joined by a separator, produced in buffers of a few thousand texts each, with the byte
 * offset where each text starts and where the last one ends written into `starts` (little-endian uint32s).
 */
function* joined(count: number, text: (index: number) => string, separator: string, starts: Buffer): Generator<Buffer> {
  let at = 0;
  for (let first = 0; first < count; first += 2048) {
    const group: string[] = [];
    for (let i = first; i < Math.min(first + 2048, count); i++) group.push(text(i));
    const last = first + group.length === count;
    const chunk = group.join(separator) + (last ? "" : separator);
    const part = Buffer.from(chunk);
    // UTF-8 is longer than the string only for non-ASCII text; ASCII (the usual paths and shas) needs no byte counts.
    const length = part.length === chunk.length ? (t: string) => t.length : (t: string) => Buffer.byteLength(t);
    group.forEach((t, k) => {
      starts.writeUInt32LE(at, 4 * (first + k));
      at += length(t) + (first + k < count - 1 ? Buffer.byteLength(separator) : 0);
    });
    yield part;
  }
  starts.writeUInt32LE(at, 4 * count);
}

/** A memo as read: small parts parsed, the rest looked up in place. */
export class ReportMemo {
  private constructor(
    readonly head: string,
    private readonly meta: Meta,
    private readonly body: Buffer,
  ) {}

  /** A memo from its checked header and body, or null unless its layout holds together. */
  static decode(header: CacheHeader, body: Buffer): ReportMemo | null {
    try {
      const { head } = header;
      const range = header.meta;
      if (!SHA.test(head) || !Array.isArray(range) || !range.every((n) => Number.isInteger(n) && n >= 0)) return null;
      const [metaAt, metaLength] = range as [number, number];
      if (metaAt + metaLength !== body.length) return null;
      const meta = JSON.parse(body.toString("utf8", metaAt, metaAt + metaLength)) as Meta;
      if (typeof meta !== "object" || meta === null || typeof meta.config !== "object" || !Number.isInteger(meta.count)) return null;
      if (!Array.isArray(meta.languages) || typeof meta.summary !== "object" || typeof meta.postList !== "string" || !Array.isArray(meta.unsettled) || !Array.isArray(meta.linked)) return null;
      if (typeof meta.sourceCommits !== "object" || meta.sourceCommits === null || typeof meta.moved !== "object" || meta.moved === null || !Array.isArray(meta.gone)) return null;
      let at = 0;
      for (const name of SECTIONS) {
        const section = meta.sections?.[name];
        if (!Array.isArray(section) || section[0] !== at || !Number.isInteger(section[1]) || section[1] < 0) return null;
        at += section[1];
      }
      if (at !== metaAt || meta.count === 0) return null;
      const memo = new ReportMemo(head, meta, body);
      const starts = memo.section("entryStarts");
      if (starts.length !== 4 * (meta.count + 1) || memo.section("baseStarts").length !== starts.length) return null;
      return memo;
    } catch {
      return null;
    }
  }

  get config(): Config {
    return this.meta.config;
  }

  get count(): number {
    return this.meta.count;
  }

  get summary(): Record<string, Summary> {
    return this.meta.summary;
  }

  get postList(): string {
    return this.meta.postList;
  }

  get sourceCommits(): Record<string, string> {
    return this.meta.sourceCommits;
  }

  /** Unsettled posts then, with their content digests. */
  get unsettled(): Map<string, string> {
    return new Map(this.meta.unsettled);
  }

  /** The posts that were read through a symbolic link. */
  get linked(): Set<string> {
    return new Set(this.meta.linked);
  }

  private section(name: Section): Buffer {
    const [start, length] = this.meta.sections[name];
    return this.body.subarray(start, start + length);
  }

  /** The line of a section's index for a path, without the path; null when it has none. */
  private lookup(name: "paths" | "posts", path: string): string | null {
    const section = this.section(name);
    const key = Buffer.from(`\n${JSON.stringify(path)}\t`);
    const at = section.indexOf(key);
    if (at < 0) return null;
    const end = section.indexOf(0x0a, at + key.length);
    return section.toString("utf8", at + key.length, end);
  }

  /** What the memo holds of a post (see `MemoInput.posts`); undefined when the path wasn't a listed post, null when its line is damaged. */
  post(path: string): StoredPost | null | undefined {
    const line = this.lookup("posts", path);
    return line === null ? undefined : (storedPost(path, line) ?? null);
  }

  /** Every listed post, in listing order; null when a line is damaged. */
  posts(): { path: string; stored: StoredPost }[] | null {
    const section = this.section("posts").toString("utf8");
    const result: { path: string; stored: StoredPost }[] = [];
    for (const line of section.split("\n")) {
      if (line === "") continue;
      const tab = line.indexOf("\t");
      let path: unknown;
      try {
        path = JSON.parse(line.slice(0, tab));
      } catch {
        return null;
      }
      const stored = tab < 0 || typeof path !== "string" ? undefined : storedPost(path, line.slice(tab + 1));
      if (stored === undefined) return null;
      result.push({ path: path as string, stored });
    }
    return result;
  }

  /** Post paths with a history that were not listed. */
  get gone(): Set<string> {
    return new Set(this.meta.gone);
  }

  /** The answers of `movedTo` the full run's linking asked for. */
  get moved(): Record<string, { to: string | null; seen: string[] }> {
    return this.meta.moved;
  }

  /** Every entry of the report, in order; null when they don't parse as entries. */
  entries(): Entry[] | null {
    try {
      const list = JSON.parse(`[${this.section("entries").toString("utf8")}]`) as unknown[];
      return list.length === this.meta.count && list.every(isEntry) ? (list as Entry[]) : null;
    } catch {
      return null;
    }
  }

  /** Indices of the entries whose original or translation is `path`. */
  entriesOf(path: string): number[] {
    const line = this.lookup("paths", path);
    if (line === null) return [];
    const indices = line.split(",").map(Number);
    return indices.every((i) => Number.isInteger(i) && i >= 0 && i < this.meta.count) ? indices : [];
  }

  /** Entry `index` of the report, with its verdict's basis; null when it doesn't parse as one. */
  entry(index: number): { entry: Entry; basis: VerdictBasis | null } | null {
    const entry = JSON.parse(this.slice("entries", "entryStarts", index, ENTRY_SEPARATOR.length).toString("utf8")) as unknown;
    const basis = JSON.parse(this.slice("bases", "baseStarts", index, 1).toString("utf8")) as unknown;
    if (!isEntry(entry) || !(basis === null || isBasis(basis))) return null;
    return { entry, basis };
  }

  private slice(name: Section, startsName: Section, index: number, separator: number): Buffer {
    const starts = this.section(startsName);
    const start = starts.readUInt32LE(4 * index);
    const end = index === this.meta.count - 1 ? starts.readUInt32LE(4 * (index + 1)) : starts.readUInt32LE(4 * (index + 1)) - separator;
    return this.section(name).subarray(start, end);
  }

  /** The report's problems, as stored. */
  problems(): Problem[] {
    const suffix = this.section("suffix").toString("utf8");
    const { problems } = JSON.parse(`{${suffix.slice(suffix.indexOf('"problems":'))}`) as { problems: Problem[] };
    return problems;
  }

  /**
   * `report` as `renderJson` prints it, where each entry of it that `stored` maps to an index of this
   * memo's report is copied as stored (runs of them at once) and only the others are rendered.
   */
  renderWith(report: Report, stored: ReadonlyMap<Entry, number>): Buffer[] {
    const list = report.translations;
    if (list.length === 0) return [Buffer.from(renderJson(report))];
    const { prefix, suffix } = reportFrame(report);
    const entries = this.section("entries");
    const parts: Buffer[] = [Buffer.from(prefix)];
    // Rendered texts wait here until a stored run or the end, so that they go out joined.
    let fresh: string[] = [];
    for (let i = 0; i < list.length; ) {
      const first = stored.get(list[i]!);
      if (first === undefined) {
        fresh.push(entryText(list[i++]!));
        continue;
      }
      let last = first;
      while (i + 1 < list.length && stored.get(list[i + 1]!) === last + 1) (i++, last++);
      i++;
      if (fresh.length > 0) parts.push(Buffer.from(`${fresh.join(ENTRY_SEPARATOR)}${ENTRY_SEPARATOR}`));
      fresh = [];
      parts.push(entries.subarray(this.entryStart(first), this.entryEnd(last)));
      if (i < list.length) parts.push(SEPARATOR);
    }
    if (fresh.length > 0) parts.push(Buffer.from(fresh.join(ENTRY_SEPARATOR)));
    parts.push(Buffer.from(suffix));
    return parts;
  }

  /** Where stored entry `index` starts in the entries section. */
  private entryStart(index: number): number {
    return this.section("entryStarts").readUInt32LE(4 * index);
  }

  /** Where stored entry `index` ends in the entries section (before the separator that follows it). */
  private entryEnd(index: number): number {
    return index === this.meta.count - 1 ? this.section("entries").length : this.entryStart(index + 1) - ENTRY_SEPARATOR.length;
  }

  /**
   * The report at `head` as `renderJson` prints it, with some entries replaced, the summary given and,
   * when given, other problems: the other entries are copied as stored, never parsed.
   */
  render(head: string, summary: Record<string, Summary>, replaced: ReadonlyMap<number, Entry>, problems?: readonly Problem[]): Buffer[] {
    const skeleton: Report = { schemaVersion: 1, head, languages: this.meta.languages, summary, translations: [], problems: [] };
    const suffix = problems === undefined ? this.section("suffix") : Buffer.from(reportFrame({ ...skeleton, problems: [...problems] }).suffix);
    const { prefix } = reportFrame(skeleton);
    const parts: Buffer[] = [Buffer.from(prefix)];
    const entries = this.section("entries");
    let from = 0;
    for (const index of [...replaced.keys()].sort((a, b) => a - b)) {
      parts.push(entries.subarray(from, this.entryStart(index)), Buffer.from(entryText(replaced.get(index)!)));
      from = this.entryEnd(index);
    }
    parts.push(entries.subarray(from), suffix);
    return parts;
  }
}

/** A post as the memo holds it. */
export interface StoredPost {
  sourceCommit: string | null;
  settled: boolean;
  committed: boolean;
  /** What was read of it, title left out; null when it couldn't be read as a file. */
  post: Post | null;
}

/** What the memo keeps of a post besides its path, in this order; the title is left out (linking doesn't read it, no report shows it). */
const STORED_FIELDS = ["lang", "translationOf", "translationKey", "sourceCommit", "invalid", "problems"] as const;
// Every other field of a post must be among them, or a refresh would link without it.
const everyFieldStored: Exclude<keyof Post, "path" | "title" | (typeof STORED_FIELDS)[number]> extends never ? true : never = true;
void everyFieldStored;

/** A post as a compact JSON array of `STORED_FIELDS` (most posts are `[null,null,null,null,false,[]]`-like). */
function encodePost(post: Post | null): string {
  return JSON.stringify(post === null ? null : STORED_FIELDS.map((field) => post[field]));
}

/** A posts line after its path: settled, committed, post. */
function storedPost(path: string, rest: string): StoredPost | undefined {
  const [settled, committed, json] = rest.split("\t", 3);
  if ((settled !== "0" && settled !== "1") || (committed !== "0" && committed !== "1") || json === undefined) return undefined;
  try {
    const fields = JSON.parse(json) as unknown;
    if (fields !== null && !(Array.isArray(fields) && fields.length === STORED_FIELDS.length && Array.isArray(fields[5]) && typeof fields[4] === "boolean")) return undefined;
    const [lang, translationOf, translationKey, sourceCommit, invalid, problems] = (fields ?? []) as [string | null, string | null, string | null, string | null, boolean, Post["problems"]];
    const post = fields === null ? null : newPost(path, { lang, translationOf, translationKey, sourceCommit, invalid, problems });
    return { sourceCommit: post?.sourceCommit ?? null, settled: settled === "1", committed: committed === "1", post };
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const nullableString = (v: unknown) => v === null || typeof v === "string";

/** An entry's shape, down to every field. */
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
