import { isPostPath } from "../core/layout.js";

/** One change of a commit as `git log --raw -z` prints it. */
export interface RawChange {
  /** git's status letter: A, M, D, R, C, T. */
  status: string;
  oldBlob: string;
  newBlob: string;
  path: string;
  /** The path before a rename or copy. */
  oldPath: string | null;
}

/** One commit as `git log --raw -z` prints it, with only its post changes kept. */
export interface RawCommit {
  sha: string;
  parents: string[];
  time: number;
  message: string;
  changes: RawChange[];
}

/** The `git log` arguments whose output `LogParser` reads. */
export const LOG_FORMAT = "--format=%x1e%H%x1f%P%x1f%ct%x1f%B%x1f";

const RS = 0x1e;
const US = 0x1f;
const NUL = 0x00;
const LF = 0x0a;
const COLON = 0x3a;

type State = "between" | "header" | "entries" | "meta" | "path" | "renamed";

/**
 * Parses streamed `git log --raw -z` output (LOG_FORMAT) byte by byte, so memory holds one commit
 * however long the history, and the strings kept are copies of exactly their bytes (slicing a large
 * chunk string would keep the whole chunk alive behind every blob id and path).
 *
 * Every field is NUL-terminated: the header ends at the first NUL (a message can't hold one), each raw
 * line's metadata and each path end at one. A message or path may hold any other byte, \x1e and \x1f
 * included, because the parser always knows which field comes next.
 */
export class LogParser {
  private state: State = "between";
  /** Bytes of the field being read when a chunk ended inside it. */
  private carry: Buffer[] = [];
  private commit: RawCommit | null = null;
  private meta: { status: string; oldBlob: string; newBlob: string } | null = null;
  private firstPath: Buffer | null = null;

  constructor(private readonly onCommit: (commit: RawCommit) => void) {}

  /** Feeds the next piece of git's output. */
  write(chunk: Buffer): void {
    let pos = 0;
    const end = chunk.length;
    while (pos < end) {
      if (this.state === "between" || this.state === "entries") {
        const byte = chunk[pos]!;
        if (byte === LF) pos++;
        else if (byte === RS) {
          this.flush();
          this.state = "header";
          pos++;
        } else if (byte === COLON && this.state === "entries") {
          this.state = "meta";
          pos++;
        } else pos++; // nothing else can stand here; skipping keeps a surprise from derailing the rest
        continue;
      }
      const nul = chunk.indexOf(NUL, pos);
      if (nul < 0) {
        this.carry.push(chunk.subarray(pos));
        return;
      }
      if (this.carry.length === 0) this.field(chunk, pos, nul);
      else {
        const field = Buffer.concat([...this.carry, chunk.subarray(pos, nul)]);
        this.carry = [];
        this.field(field, 0, field.length);
      }
      pos = nul + 1;
    }
  }

  /** Parses what is left once git has exited. */
  end(): void {
    if (this.carry.length > 0 && this.state === "header") {
      const field = Buffer.concat(this.carry);
      this.field(field, 0, field.length);
    }
    this.carry = [];
    this.flush();
    this.state = "between";
  }

  /** One NUL-terminated field: `data[start, end)`. */
  private field(data: Buffer, start: number, end: number): void {
    switch (this.state) {
      case "header":
        this.commit = parseHeader(data, start, end);
        this.state = "entries";
        return;
      case "meta": {
        // ":<old mode> <new mode> <old blob> <new blob> <status letter><score>"
        const parts = data.toString("latin1", start, end).split(" ");
        this.meta = { status: (parts[4] ?? "").charAt(0), oldBlob: parts[2] ?? "", newBlob: parts[3] ?? "" };
        this.state = "path";
        return;
      }
      case "path":
        if (this.meta!.status === "R" || this.meta!.status === "C") {
          // The first path of a rename is kept as bytes until the second says whether it matters.
          this.firstPath = Buffer.from(data.subarray(start, end));
          this.state = "renamed";
          return;
        }
        this.change(null, data, start, end);
        return;
      case "renamed":
        this.change(this.firstPath, data, start, end);
        this.firstPath = null;
        return;
      default:
        return;
    }
  }

  private change(oldPath: Buffer | null, data: Buffer, start: number, end: number): void {
    this.state = "entries";
    const meta = this.meta!;
    this.meta = null;
    if (!this.commit || (!maybePost(data, end) && (oldPath === null || !maybePost(oldPath, oldPath.length)))) return;
    const to = data.toString("utf8", start, end);
    const from = oldPath === null ? null : oldPath.toString("utf8");
    if (!isPostPath(to) && !(from !== null && isPostPath(from))) return;
    this.commit.changes.push({ status: meta.status, oldBlob: meta.oldBlob, newBlob: meta.newBlob, path: to, oldPath: from });
  }

  private flush(): void {
    if (this.commit) this.onCommit(this.commit);
    this.commit = null;
  }
}

function parseHeader(data: Buffer, start: number, end: number): RawCommit {
  // "<sha>\x1f<parents>\x1f<time>\x1f<message>\x1f": the first three fields can't hold \x1f, the message can.
  const f1 = data.indexOf(US, start);
  const f2 = f1 < 0 || f1 >= end ? -1 : data.indexOf(US, f1 + 1);
  const f3 = f2 < 0 || f2 >= end ? -1 : data.indexOf(US, f2 + 1);
  if (f3 < 0 || f3 >= end) return { sha: data.toString("latin1", start, f1 < 0 || f1 > end ? end : f1), parents: [], time: 0, message: "", changes: [] };
  const last = data[end - 1] === US && end - 1 > f3 ? end - 1 : end;
  const parents = data.toString("latin1", f1 + 1, f2).trim();
  return {
    sha: data.toString("latin1", start, f1),
    parents: parents ? parents.split(" ") : [],
    time: Number(data.toString("latin1", f2 + 1, f3)),
    message: data.toString("utf8", f3 + 1, last),
    changes: [],
  };
}

/** A cheap look at the last byte before decoding a path: every post ending (md, markdown, mdx) ends in d, n or x. */
export function maybePost(data: Buffer, end: number): boolean {
  const last = data[end - 1]! | 0x20;
  return last === 0x64 || last === 0x6e || last === 0x78;
}
