// The one download answer (app/http/export.server.ts): type by format, an ASCII name no header can be
// split by, the UTF-8 name beside it when given, and never cached on the way.
import { describe, it, expect } from "vitest";
import { exportResponse, fileResponse } from "~/http/export.server";

describe("fileResponse", () => {
  it.each([
    ["csv", "text/csv; charset=utf-8"],
    ["docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["pdf", "application/pdf"],
    ["ics", "text/calendar; charset=utf-8; method=PUBLISH"],
  ] as const)("answers %s as %s, private and not stored", async (format, type) => {
    const res = fileResponse("x", format, `file.${format}`);
    expect(res.headers.get("content-type")).toBe(type);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="file.${format}"`);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(await res.text()).toBe("x");
  });

  it("keeps the ASCII name one safe token and gives the Arabic name as UTF-8", () => {
    const res = fileResponse(new Uint8Array([1, 2]), "pdf", 'paper"; x=1\r\n.pdf', "ورقة-العمل.pdf");
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toBe(`attachment; filename="paper___x_1__.pdf"; filename*=UTF-8''${encodeURIComponent("ورقة-العمل.pdf")}`);
  });

  it("names list exports after what they list and the day", () => {
    const res = exportResponse("csv", "forces-demo", "a,b");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="forces-demo-\d{4}-\d{2}-\d{2}\.csv"$/);
  });
});
