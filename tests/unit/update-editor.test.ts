import { describe, expect, it } from "vitest";
import { commandWords, editorCommand, pagerCommand } from "../../src/update/editor.js";
import { shellWords } from "../../src/update/shell-words.js";

describe("shell words", () => {
  it.each([
    ["vim", ["vim"]],
    ["code -w", ["code", "-w"]],
    ["  vim   -u NONE  ", ["vim", "-u", "NONE"]],
    [`"/opt/my editor/bin/ed" --wait`, ["/opt/my editor/bin/ed", "--wait"]],
    [`'/opt/it"s/ed' -n`, [`/opt/it"s/ed`, "-n"]],
    [String.raw`/opt/my\ editor/ed`, ["/opt/my editor/ed"]],
    [String.raw`emacs -nw --eval "(setq x \"y\")"`, ["emacs", "-nw", "--eval", `(setq x "y")`]],
    [`ed ""`, ["ed", ""]],
    ["ed 'unclosed arg", ["ed", "unclosed arg"]],
    ["ed $HOME; rm -rf /", ["ed", "$HOME;", "rm", "-rf", "/"]],
  ])("%s", (line, words) => {
    expect(shellWords(line)).toEqual(words);
  });
});

describe("editor and pager commands", () => {
  it("take $VISUAL before $EDITOR, then vi (notepad on Windows)", () => {
    expect(editorCommand({ VISUAL: "code -w", EDITOR: "nano" }, "linux").argv).toEqual(["code", "-w"]);
    expect(editorCommand({ VISUAL: "  ", EDITOR: "nano" }, "linux").argv).toEqual(["nano"]);
    expect(editorCommand({}, "linux").argv).toEqual(["vi"]);
    expect(editorCommand({}, "win32").argv).toEqual(["notepad"]);
  });

  it("take $PAGER, else less -R, and let less pass colours when LESS is unset", () => {
    expect(pagerCommand({})).toMatchObject({ argv: ["less", "-R"], env: { LESS: "R" } });
    expect(pagerCommand({ PAGER: "most -s", LESS: "FX" })).toMatchObject({ argv: ["most", "-s"], env: { LESS: "FX" } });
  });

  it("keep a value naming an existing file as one word, spaces and all", () => {
    expect(commandWords(process.execPath)).toEqual([process.execPath]);
    expect(commandWords("/no/such file here")).toEqual(["/no/such", "file", "here"]);
    expect(commandWords("")).toEqual([]);
  });
});
