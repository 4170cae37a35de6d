import { describe, expect, it } from "vitest";
import { isLangTag, LANG_TAG_SOURCE } from "../../src/lang-tag.js";

// Tags real sites use, in the spelling they use.
const ACCEPTED = ["en", "de", "zh-CN", "en-US", "pt-br", "zh-hant", "zh_TW", "hant", "fil", "es-419", "sr-Latn-RS", "abcdefgh"];
const REJECTED = ["", "e", "x-a", "1", "12", "en-", "-en", "en--US", "en_", "zh-CN ", " de", "de\n", "en.US", "en US", "abcdefghi", "en-abcdefghi", "dé", "zh-中文", "../en", "en/de"];

describe("language tags", () => {
  it.each(ACCEPTED)("accepts %j", (tag) => {
    expect(isLangTag(tag)).toBe(true);
  });

  it.each(REJECTED)("rejects %j", (tag) => {
    expect(isLangTag(tag)).toBe(false);
  });

  it("has no capturing group, so patterns that embed it keep their capture numbers", () => {
    const embedded = new RegExp(`^(${LANG_TAG_SOURCE})/(.+)$`).exec("zh-hant/a.md");
    expect(embedded?.slice(1)).toEqual(["zh-hant", "a.md"]);
    expect(new RegExp(`|${LANG_TAG_SOURCE}`).exec("")!.length).toBe(1);
  });
});
