/** Where SIGINT arrives: the process, or a stand-in that never fires. */
export interface SignalSource {
  on(event: "SIGINT", listener: () => void): unknown;
  off(event: "SIGINT", listener: () => void): unknown;
}

/** Ctrl-C as the session sees it: a signal to stop at the next prompt, except while a child owns the terminal. */
export interface Interrupts {
  /** Aborted by a Ctrl-C that arrived outside a child program; inquirer then ends its prompt. */
  signal: AbortSignal;
  /** Runs a child (editor, pager) that handles Ctrl-C itself; transtrack must not die under it. */
  whileChildRuns<T>(run: () => Promise<T>): Promise<T>;
  /** Gives SIGINT back its default meaning. */
  dispose(): void;
}

/** Catches SIGINT for the session's lifetime. Between prompts (terminal in cooked mode) Ctrl-C is a signal, not a key. */
export function watchInterrupts(process: SignalSource): Interrupts {
  const controller = new AbortController();
  let children = 0;
  // Like git while an editor runs: the child decides what Ctrl-C means; the write in progress always finishes.
  const onSigint = () => {
    if (children === 0) controller.abort();
  };
  process.on("SIGINT", onSigint);
  return {
    signal: controller.signal,
    async whileChildRuns(run) {
      children++;
      try {
        return await run();
      } finally {
        children--;
      }
    },
    dispose: () => {
      process.off("SIGINT", onSigint);
    },
  };
}
