import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Whether tmux can be run here; the pseudo-terminal tests skip without it. */
export const HAS_TMUX = spawnSync("tmux", ["-V"], { stdio: "ignore" }).status === 0;

/** A program running in a real pseudo-terminal inside a private tmux server. */
export interface Pty {
  /** Everything the terminal showed so far, scrollback included, wrapped lines joined; with `ansi`, colours too. */
  screen(ansi?: boolean): string;
  /** Types text literally, then Enter unless told otherwise. */
  type(text: string, options?: { enter?: boolean }): void;
  /** Sends a tmux key name, such as `C-c`. */
  key(name: string): void;
  /** Polls the screen until `test` holds; throws with the last screen after `timeoutMs`. */
  waitFor(test: (screen: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  /** Waits for the program to end; resolves to its exit code. */
  exitCode(timeoutMs?: number): Promise<number>;
  /** Kills the tmux server and removes its files; safe to call twice. */
  close(): void;
}

let counter = 0;

/** Starts `argv` in `cwd` with exactly `env`, in a 120×40 terminal; its exit code is written to a file when it ends. */
export function startPty(argv: string[], cwd: string, env: Record<string, string>, options: { redirectStdout?: string } = {}): Pty {
  const dir = mkdtempSync(join(tmpdir(), "transtrack-pty-"));
  const socket = `transtrack-${process.pid}-${++counter}`;
  const exitFile = join(dir, "exitcode");
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const script = [
    "unset TMUX TMUX_PANE",
    ...Object.entries(env).map(([k, v]) => `export ${k}=${quote(v)}`),
    `cd ${quote(cwd)} || exit 99`,
    // Caught (not ignored), so the shell outlives a Ctrl-C to write the exit code, while its children keep the default.
    "trap 'true' INT",
    `${argv.map(quote).join(" ")}${options.redirectStdout ? ` > ${quote(options.redirectStdout)}` : ""}`,
    `echo $? > ${quote(exitFile)}`,
  ].join("\n");
  writeFileSync(join(dir, "run.sh"), `${script}\n`);
  // A dead pane stays, so the last screen can still be read; a long history, so nothing scrolls away.
  writeFileSync(join(dir, "tmux.conf"), "set -g remain-on-exit on\nset -g history-limit 100000\nset -g status off\n");
  const tmuxEnv = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir, LANG: "C.UTF-8", LC_ALL: "C.UTF-8", TERM: "xterm-256color" };
  const tmux = (...args: string[]) => execFileSync("tmux", ["-L", socket, "-f", join(dir, "tmux.conf"), ...args], { env: tmuxEnv, encoding: "utf8" });
  tmux("-u", "new-session", "-d", "-s", "t", "-x", "120", "-y", "40", `sh ${quote(join(dir, "run.sh"))}`);

  const screen = (ansi = false) => tmux("capture-pane", "-p", "-J", ...(ansi ? ["-e"] : []), "-S", "-", "-t", "t");
  let closed = false;
  return {
    screen,
    type(text, { enter = true } = {}) {
      if (text) tmux("send-keys", "-t", "t", "-l", text);
      if (enter) tmux("send-keys", "-t", "t", "Enter");
    },
    key(name) {
      tmux("send-keys", "-t", "t", name);
    },
    async waitFor(test, what, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      let last = "";
      for (;;) {
        last = screen();
        if (test(last)) return last;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen:\n${last}`);
        await new Promise((r) => setTimeout(r, 40));
      }
    },
    async exitCode(timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (existsSync(exitFile)) {
          const text = readFileSync(exitFile, "utf8").trim();
          if (text !== "") return Number(text);
        }
        if (Date.now() > deadline) throw new Error(`the program did not end; the screen:\n${screen()}`);
        await new Promise((r) => setTimeout(r, 40));
      }
    },
    close() {
      if (closed) return;
      closed = true;
      const path = spawnSync("tmux", ["-L", socket, "display-message", "-p", "#{socket_path}"], { env: tmuxEnv, encoding: "utf8" }).stdout?.trim();
      spawnSync("tmux", ["-L", socket, "kill-server"], { env: tmuxEnv, stdio: "ignore" });
      // tmux leaves its socket file behind when killed.
      if (path) rmSync(path, { force: true });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
