import { createPrompt, isEnterKey, makeTheme, useKeypress, usePrefix, useState, type Theme } from "@inquirer/core";

/** What the one-key prompt asks: the message, the keys (each with what it does) and how to say a key is wrong. */
export interface KeyPromptConfig {
  message: string;
  choices: readonly { key: string; name: string; value: string }[];
  /** Shown when Enter is pressed on a key that is none of the choices, or on nothing. */
  invalid: string;
  /** inquirer's theme; `style.defaultAnswer` draws the list of keys. */
  theme?: Partial<Theme>;
}

/**
 * git's `add --patch` question: type one key, press Enter. Unlike inquirer's `expand`, a key that is not a
 * choice is cleared from the input (the person retypes on an empty line), there is no English "h" help, and
 * nothing is chosen by default.
 */
export const keyPrompt = createPrompt<string, KeyPromptConfig>((config, done) => {
  const [status, setStatus] = useState<"idle" | "done">("idle");
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const theme = makeTheme(config.theme);
  const prefix = usePrefix({ theme, status });
  const find = (text: string) => config.choices.find((c) => c.key === text.trim().toLowerCase());

  useKeypress((event, rl) => {
    if (isEnterKey(event)) {
      const choice = find(value);
      if (choice) {
        setValue(choice.key);
        setStatus("done");
        done(choice.value);
      } else {
        // readline has emptied its line on Enter; the screen's copy goes too.
        setValue("");
        rl.clearLine(0);
        setError(config.invalid);
      }
    } else {
      setValue(rl.line);
      setError(undefined);
    }
  });

  const message = theme.style.message(config.message, status);
  if (status === "done") return `${prefix} ${message} ${theme.style.answer(find(value)?.name ?? value)}`;
  const keys = theme.style.defaultAnswer(config.choices.map((c) => c.key).join(","));
  return [`${prefix} ${message} ${keys} ${value}`, error ? theme.style.error(error) : ""];
});
