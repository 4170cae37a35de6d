/** Exit code of a known, expected failure: usage, configuration or repository. */
export const EXIT_ERROR = 2;

/** Exit code of an internal failure, a bug in transtrack (sysexits' EX_SOFTWARE): never taken for a usage error. */
export const EXIT_INTERNAL = 70;

/** Arguments interpolated into a translated message. */
export type MessageArgs = Record<string, string | number>;

/** Translates a message key with interpolations; words exist only behind this. */
export type Translate = (key: string, args?: Record<string, unknown>) => string;

/** An expected failure, identified by a code; words come only when rendering. */
export class TranstrackError extends Error {
  /** Stable identifier, also the i18n key under `errors.`. */
  readonly code: string;
  /** Values for the message's interpolations. */
  readonly args: MessageArgs;

  constructor(code: string, args: MessageArgs = {}, options?: { cause?: unknown }) {
    super(`${code}${Object.keys(args).length ? ` ${JSON.stringify(args)}` : ""}`, options);
    this.name = new.target.name;
    this.code = code;
    this.args = args;
  }
}

/** Bad command line: unknown flag, bad value, wrong arguments. */
export class UsageError extends TranstrackError {}

/** The configuration file is unreadable or invalid. */
export class ConfigError extends TranstrackError {}

/** The repository can't be used: not a git repository, no commits, shallow history. */
export class RepoError extends TranstrackError {}
