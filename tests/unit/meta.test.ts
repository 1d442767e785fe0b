// Page titles are worded in the reader's language (the root loader's locale), by one helper.
import { describe, it, expect } from "vitest";
import { pageTitle } from "~/i18n/meta";

type Args = Parameters<ReturnType<typeof pageTitle>>[0];
const args = (locale: unknown, data: unknown = null) => ({ data, matches: [{ id: "root", data: { locale } }], params: {}, location: {} }) as unknown as Args;

describe("pageTitle", () => {
  it("words the page and the app name in the reader's language", () => {
    expect(pageTitle("members.title")(args("en"))).toEqual([{ title: "Members and roles — Tawafuq" }]);
    expect(pageTitle("members.title")(args("ar"))).toEqual([{ title: "الأعضاء والأدوار — توافق" }]);
    expect(pageTitle("titles.force")(args("ku"))).toEqual([{ title: "Hêz — Tewafuq" }]);
  });

  it("falls back to Arabic without a known locale, and leads with a name from the page's data", () => {
    expect(pageTitle("titles.force")(args(undefined))[0]).toEqual({ title: "قوة — توافق" });
    const paper = pageTitle<() => { title: string }>("paper.title", (d) => d?.title);
    expect(paper(args("en", { title: "ورقة العمل" }) as never)).toEqual([{ title: "ورقة العمل — Working paper — Tawafuq" }]);
  });
});
