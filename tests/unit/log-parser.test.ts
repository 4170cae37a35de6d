import { describe, expect, it } from "vitest";
import { LogParser, type RawCommit } from "../../src/git/log-parser.js";

const sha = (n: number) => n.toString(16).padStart(40, "0");
const ZERO = "0".repeat(40);

/** One commit as `git log --raw -z --format=%x1e%H%x1f%P%x1f%ct%x1f%B%x1f` prints it. */
function record(commit: { sha: string; parents: string[]; time: number; message: string; raw: string[][] }): string {
  const header = `\x1e${commit.sha}\x1f${commit.parents.join(" ")}\x1f${commit.time}\x1f${commit.message}\x1f\0`;
  if (commit.raw.length === 0) return header;
  return `${header}\n${commit.raw.map((fields) => `${fields.join("\0")}\0`).join("")}`;
}

const meta = (status: string, oldBlob: string, newBlob: string) => `:100644 100644 ${oldBlob} ${newBlob} ${status}`;

const COMMITS = [
  {
    sha: sha(1),
    parents: [sha(2)],
    time: 1700000000,
    // A message may hold anything but NUL: the record and field separators included.
    message: "Odd \x1e record\x1f separators\x1f\n\nTranslation: skip\n",
    raw: [
      [meta("M", sha(10), sha(11)), "posts/en/with space.md"],
      [meta("M", sha(12), sha(13)), "assets/logo.svg"],
      [meta("R100", sha(14), sha(14)), "posts/en/old name.md", "posts/en/新しい.md"],
      [meta("A", ZERO, sha(15)), "posts/de/line\nbreak\x1e\x1f.md"],
    ],
  },
  { sha: sha(2), parents: [sha(3), sha(4)], time: 1700000001, message: "Merge branch 'x'\n", raw: [] },
  {
    sha: sha(3),
    parents: [sha(5)],
    time: 1700000002,
    message: "",
    raw: [
      [meta("R087", sha(16), sha(17)), "docs/readme.txt", "posts/en/readme.md"],
      [meta("C075", sha(18), sha(19)), "posts/en/a.MD", "notes/a.txt"],
      [meta("D", sha(20), ZERO), "posts/fr/gone.markdown"],
      [meta("R100", sha(21), sha(21)), "img/a.png", "img/b.png"],
    ],
  },
  { sha: sha(4), parents: [sha(5)], time: 1700000003, message: "ünïcödé 🎉 message\x1f", raw: [[meta("T", sha(22), sha(23)), "posts/en/x.mdx"]] },
  { sha: sha(5), parents: [], time: 1700000004, message: "root\n", raw: [] },
];

const EXPECTED: RawCommit[] = [
  {
    sha: sha(1),
    parents: [sha(2)],
    time: 1700000000,
    message: "Odd \x1e record\x1f separators\x1f\n\nTranslation: skip\n",
    changes: [
      { status: "M", oldBlob: sha(10), newBlob: sha(11), path: "posts/en/with space.md", oldPath: null },
      { status: "R", oldBlob: sha(14), newBlob: sha(14), path: "posts/en/新しい.md", oldPath: "posts/en/old name.md" },
      { status: "A", oldBlob: ZERO, newBlob: sha(15), path: "posts/de/line\nbreak\x1e\x1f.md", oldPath: null },
    ],
  },
  { sha: sha(2), parents: [sha(3), sha(4)], time: 1700000001, message: "Merge branch 'x'\n", changes: [] },
  {
    sha: sha(3),
    parents: [sha(5)],
    time: 1700000002,
    message: "",
    changes: [
      { status: "R", oldBlob: sha(16), newBlob: sha(17), path: "posts/en/readme.md", oldPath: "docs/readme.txt" },
      { status: "C", oldBlob: sha(18), newBlob: sha(19), path: "notes/a.txt", oldPath: "posts/en/a.MD" },
      { status: "D", oldBlob: sha(20), newBlob: ZERO, path: "posts/fr/gone.markdown", oldPath: null },
    ],
  },
  { sha: sha(4), parents: [sha(5)], time: 1700000003, message: "ünïcödé 🎉 message\x1f", changes: [{ status: "T", oldBlob: sha(22), newBlob: sha(23), path: "posts/en/x.mdx", oldPath: null }] },
  { sha: sha(5), parents: [], time: 1700000004, message: "root\n", changes: [] },
];

const OUTPUT = Buffer.from(COMMITS.map(record).join(""), "utf8");

function parse(chunks: Buffer[]): RawCommit[] {
  const commits: RawCommit[] = [];
  const parser = new LogParser((c) => commits.push(c));
  for (const chunk of chunks) parser.write(chunk);
  parser.end();
  return commits;
}

describe("LogParser", () => {
  it("reads commits, their parents, times, messages and post changes", () => {
    expect(parse([OUTPUT])).toEqual(EXPECTED);
  });

  it("gives the same result whatever offset a chunk ends at", () => {
    for (let cut = 1; cut < OUTPUT.length; cut++) {
      expect(parse([OUTPUT.subarray(0, cut), OUTPUT.subarray(cut)]), `cut at byte ${cut}`).toEqual(EXPECTED);
    }
  });

  it("reads output fed one byte at a time, and three-way splits", () => {
    expect(parse([...OUTPUT].map((b) => Buffer.from([b])))).toEqual(EXPECTED);
    for (let a = 1; a < OUTPUT.length; a += 7) {
      for (let b = a + 1; b < OUTPUT.length; b += 13) {
        expect(parse([OUTPUT.subarray(0, a), OUTPUT.subarray(a, b), OUTPUT.subarray(b)])).toEqual(EXPECTED);
      }
    }
  });

  it("reads an empty output and a history with one commit and no changes", () => {
    expect(parse([])).toEqual([]);
    expect(parse([Buffer.from(record({ sha: sha(9), parents: [], time: 1, message: "only\n", raw: [] }))])).toEqual([
      { sha: sha(9), parents: [], time: 1, message: "only\n", changes: [] },
    ]);
  });
});
