import { renderExecCommit, renderExecInterrupting, renderExecProgress, renderExecResult } from "../../render/exec-text.js";
import type { ExecCounts, ExecEvent } from "../../update/exec-events.js";
import type { CliContext } from "../context.js";

/** How often the progress bar is redrawn at most: a fast translator must not flood the terminal. */
const REDRAW_MS = 100;

/** What a run shows on stderr as it goes: a progress bar in a terminal, plain lines otherwise. */
export interface ExecView {
  show(event: ExecEvent): void;
  /** Takes the progress bar off the screen; safe to call twice. */
  close(): void;
}

/** The view for this terminal (or none): a bar redrawn in place with failures printed above it, or one line per translation. */
export function createExecView(ctx: CliContext): ExecView {
  const tty = ctx.stderr.isTTY === true;
  const color = ctx.errColor;
  const write = (text: string) => void ctx.stderr.write(text);
  let counts: ExecCounts | null = null;
  let drawn = false;
  let lastDraw = 0;
  const clear = () => {
    if (drawn) write("\r\x1b[2K");
    drawn = false;
  };
  let pending: NodeJS.Timeout | null = null;
  let closed = false;
  const draw = (force: boolean) => {
    if (!tty || ctx.quiet || counts === null || closed) return;
    const now = Date.now();
    if (!force && now - lastDraw < REDRAW_MS) {
      // The counts it skips are drawn a moment later, so the bar never stays behind.
      pending ??= setTimeout(() => {
        pending = null;
        draw(true);
      }, REDRAW_MS - (now - lastDraw));
      pending.unref();
      return;
    }
    lastDraw = now;
    write(`\r\x1b[2K${renderExecProgress(counts, ctx.t, color)}`);
    drawn = true;
  };
  /** Prints a message above the bar, then puts the bar back. */
  const print = (text: string) => {
    clear();
    write(text);
    draw(true);
  };
  return {
    show(event) {
      switch (event.type) {
        case "start":
        case "launch":
          counts = event.counts;
          draw(event.type === "start");
          return;
        case "finish": {
          counts = event.counts;
          // A failure is always told; a success is a line of its own only without a terminal.
          if (!event.result.ok) print(renderExecResult(event.job, event.result, ctx.t, color));
          else if (!tty && !ctx.quiet) write(renderExecResult(event.job, event.result, ctx.t, color));
          else draw(counts.done + counts.failed === counts.total);
          return;
        }
        case "committed":
          if (!ctx.quiet) print(renderExecCommit(event, ctx.t, color));
          return;
        case "commit-failed":
          print(renderExecCommit(event, ctx.t, color));
          return;
        case "interrupting":
          print(renderExecInterrupting(event.running, ctx.t, color));
          return;
      }
    },
    close() {
      closed = true;
      if (pending) clearTimeout(pending);
      pending = null;
      clear();
    },
  };
}
