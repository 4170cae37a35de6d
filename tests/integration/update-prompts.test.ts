import { PassThrough } from "node:stream";
import pc from "picocolors";
import { describe, expect, it } from "vitest";
import { createInquirerPrompter } from "../../src/cli/prompts.js";
import { PromptCancelledError } from "../../src/update/prompter.js";

const labels = { yes: "ja", no: "nein", yesNoInvalid: "YESNO_INVALID", keyInvalid: "KEY_INVALID" };
const choices = ["e", "m", "s", "w", "v", "q", "?"].map((key) => ({ key, name: `name-${key}` }));

/** The inquirer Prompter on in-memory streams: what it drew, and a way to type. */
function terminal(signal?: AbortSignal) {
  const input = new PassThrough();
  const output = new PassThrough();
  let drawn = "";
  output.on("data", (chunk: Buffer) => (drawn += chunk.toString("utf8")));
  const prompter = createInquirerPrompter({ input, output, color: pc.createColors(false), labels, ...(signal ? { signal } : {}) });
  // Each keystroke in its own tick, as a terminal delivers them.
  const type = async (keys: string) => {
    for (const ch of keys) {
      await new Promise((r) => setTimeout(r, 5));
      input.write(ch);
    }
  };
  return { prompter, type, drawn: () => drawn };
}

describe("the inquirer prompter", () => {
  it("takes each key followed by Enter, ? included, and lists the keys git-style", async () => {
    for (const key of ["e", "m", "s", "w", "v", "q", "?"]) {
      const tty = terminal();
      const answer = tty.prompter.chooseKey({ message: "MESSAGE", choices });
      await tty.type(`${key}\r`);
      expect(await answer).toBe(key);
      expect(tty.drawn()).toContain("[e,m,s,w,v,q,?]");
      // Not inquirer's own "(emswvq?H)", whose extra "h" would be an English help.
      expect(tty.drawn()).not.toContain("emswvq");
    }
  });

  it("refuses another key in the user's words, then takes a valid one", async () => {
    const tty = terminal();
    const answer = tty.prompter.chooseKey({ message: "MESSAGE", choices });
    await tty.type("x\r");
    await new Promise((r) => setTimeout(r, 20));
    expect(tty.drawn()).toContain("KEY_INVALID");
    await tty.type("\x7fs\r");
    expect(await answer).toBe("s");
  });

  it("confirms with the default on Enter, in the user's words", async () => {
    const tty = terminal();
    const answer = tty.prompter.confirm({ message: "MESSAGE", default: true });
    await tty.type("\r");
    expect(await answer).toBe(true);
    expect(tty.drawn()).toContain("(J/n)");
    const no = terminal();
    const answerNo = no.prompter.confirm({ message: "MESSAGE", default: true });
    await no.type("n\r");
    expect(await answerNo).toBe(false);
  });

  it("turns Ctrl-C into a cancellation", async () => {
    const tty = terminal();
    const answer = tty.prompter.chooseKey({ message: "MESSAGE", choices });
    await tty.type("\x03");
    await expect(answer).rejects.toBeInstanceOf(PromptCancelledError);
  });

  it("turns an aborted signal (Ctrl-C between prompts) into a cancellation of the next prompt", async () => {
    const controller = new AbortController();
    controller.abort();
    const tty = terminal(controller.signal);
    await expect(tty.prompter.confirm({ message: "MESSAGE", default: true })).rejects.toBeInstanceOf(PromptCancelledError);
  });
});
