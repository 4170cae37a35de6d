import { isPostPath } from "../core/layout.js";

/** One commit as `git log --raw -z` prints it, with only its post changes kept. */
export interface RawCommit {
  sha: string;
  parents: string[];
  time: number;
  message: string;
  changes: { status: string; oldBlob: string; newBlob: string; path: string; oldPath: string | null }[];
}

/** The `git log` arguments whose output `LogParser` reads. */
export const LOG_FORMAT = "--format=%x1e%H%x1f%P%x1f%ct%x1f%B%x1f";

/** Parses streamed `git log --raw -z` text record by record, so memory stays at one commit. */
export class LogParser {
  private pending = "";

  constructor(private readonly onCommit: (commit: RawCommit) => void) {}

  /** Feeds the next piece of git's output. */
  write(text: string): void {
    this.pending += text;
    let start = this.pending.indexOf("\x1e");
    if (start < 0) return;
    for (;;) {
      const next = this.pending.indexOf("\x1e", start + 1);
      if (next < 0) break;
      this.parseRecord(this.pending.slice(start + 1, next));
      start = next;
    }
    this.pending = this.pending.slice(start);
  }

  /** Parses what is left once git has exited. */
  end(): void {
    if (this.pending.startsWith("\x1e")) this.parseRecord(this.pending.slice(1));
    this.pending = "";
  }

  private parseRecord(record: string): void {
    // A commit message can't hold NUL, so the first "\x1f\0" ends the header.
    const headerEnd = record.indexOf("\x1f\0");
    const header = headerEnd < 0 ? record : record.slice(0, headerEnd);
    const f1 = header.indexOf("\x1f");
    const f2 = header.indexOf("\x1f", f1 + 1);
    const f3 = header.indexOf("\x1f", f2 + 1);
    const parents = header.slice(f1 + 1, f2).trim();
    const commit: RawCommit = {
      sha: header.slice(0, f1),
      parents: parents ? parents.split(" ") : [],
      time: Number(header.slice(f2 + 1, f3)),
      message: header.slice(f3 + 1),
      changes: [],
    };
    if (headerEnd >= 0) {
      const tokens = record.slice(headerEnd + 2).split("\0");
      for (let i = 0; i < tokens.length; i++) {
        const meta = tokens[i]!.replace(/^\n+/, "");
        if (!meta.startsWith(":")) continue;
        const [, , oldBlob = "", newBlob = "", statusField = ""] = meta.slice(1).split(" ");
        const status = statusField.charAt(0);
        const two = status === "R" || status === "C";
        const first = tokens[++i] ?? "";
        const second = two ? (tokens[++i] ?? "") : null;
        const path = second ?? first;
        if (!isPostPath(path) && !(second !== null && isPostPath(first))) continue;
        commit.changes.push({ status, oldBlob, newBlob, path, oldPath: two ? first : null });
      }
    }
    this.onCommit(commit);
  }
}
