// Pure rules of the coordination area: timeline merge order, progress per horizon, search terms and snippets.
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { mergeTimeline, type TimelineItem } from "~/domain/outreach.server";
import { progressByHorizon, planDueState } from "~/domain/plans.server";
import { searchTerms, snippet } from "~/domain/search.server";

const outreach = (id: string, day: string, createdAt: string): TimelineItem => ({ kind: "outreach", id, day, at: null, createdAt, entry: {} as never });
const invitation = (id: string, day: string, at: string): TimelineItem => ({ kind: "invitation", id, day, at, from: null, to: "SENT", note: null, actor: null });
const amendment = (id: string, day: string, at: string): TimelineItem => ({
  kind: "amendment", id, day, at, amendmentId: "a", type: "REPLACE", sectionTitle: null, from: "DRAFT", to: "SUBMITTED", note: null, actor: null,
});

describe("mergeTimeline", () => {
  it("puts the newest day first and, within a day, events above that day's outreach", () => {
    const items = [
      outreach("o1", "2026-11-01", "2026-11-01T09:00:00.000Z"),
      invitation("i1", "2026-11-03", "2026-11-03T08:00:00.000Z"),
      outreach("o2", "2026-11-03", "2026-11-03T18:00:00.000Z"), // logged late the same day: still under the events
      amendment("a1", "2026-11-03", "2026-11-03T12:00:00.000Z"),
      invitation("i0", "2026-10-30", "2026-10-30T10:00:00.000Z"),
      outreach("o3", "2026-11-05", "2026-11-06T07:00:00.000Z"), // logged the next morning: sorts by its day
    ];
    expect(mergeTimeline(items).map((i) => i.id)).toEqual(["o3", "a1", "i1", "o2", "o1", "i0"]);
  });

  it("orders two entries of one day by when they were logged, and exact ties by id", () => {
    const items = [outreach("b", "2026-11-01", "2026-11-01T09:00:00.000Z"), outreach("a", "2026-11-01", "2026-11-01T09:00:00.000Z"), outreach("c", "2026-11-01", "2026-11-01T10:00:00.000Z")];
    expect(mergeTimeline(items).map((i) => i.id)).toEqual(["c", "b", "a"]);
  });

  it("is a total order: any shuffle of the same items merges to the same list, days never increase", () => {
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-11-${String(d).padStart(2, "0")}`);
    const item = fc.tuple(fc.constantFrom("o", "i", "a"), day, fc.integer({ min: 0, max: 23 }), fc.uuid()).map(([k, d, h, id]) => {
      const at = `${d}T${String(h).padStart(2, "0")}:00:00.000Z`;
      return k === "o" ? outreach(id, d, at) : k === "i" ? invitation(id, d, at) : amendment(id, d, at);
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), fc.integer(), (items, seed) => {
        const shuffled = [...items].sort((x, y) => ((x.id.charCodeAt(0) * seed) % 7) - ((y.id.charCodeAt(0) * seed) % 7));
        const a = mergeTimeline(items).map((i) => i.id);
        expect(mergeTimeline(shuffled).map((i) => i.id)).toEqual(a);
        const merged = mergeTimeline(items);
        for (let k = 1; k < merged.length; k++) expect(merged[k - 1]!.day >= merged[k]!.day).toBe(true);
      }),
    );
  });
});

describe("plan progress", () => {
  it("counts per horizon and leaves dropped items out of the percentage", () => {
    const today = "2026-12-10";
    const items = [
      { horizon: "SHORT", status: "DONE", dueOn: "2026-12-01" },
      { horizon: "SHORT", status: "IN_PROGRESS", dueOn: "2026-12-09" },
      { horizon: "SHORT", status: "DROPPED", dueOn: "2026-12-01" },
      { horizon: "SHORT", status: "PLANNED", dueOn: null },
      { horizon: "MEDIUM", status: "DROPPED", dueOn: null },
      { horizon: "LONG", status: "DONE", dueOn: null },
    ] as const;
    const withState = items.map((i) => ({ ...i, dueState: planDueState(i.status, i.dueOn, today) }));
    expect(withState.map((i) => i.dueState)).toEqual(["done", "overdue", "done", "none", "done", "done"]);
    const p = progressByHorizon(withState);
    expect(p.map((h) => h.horizon)).toEqual(["SHORT", "MEDIUM", "LONG"]);
    expect(p[0]).toEqual({ horizon: "SHORT", total: 4, planned: 1, inProgress: 1, done: 1, dropped: 1, overdue: 1, percentDone: 33 });
    expect(p[1]!.percentDone).toBeNull();
    expect(p[2]!.percentDone).toBe(100);
  });
});

describe("search terms and snippets", () => {
  it("folds the query and drops quotes and punctuation around terms", () => {
    expect(searchTerms("  «مسـد»  ")).toEqual(["مسد"]);
    expect(searchTerms("العَشيرة، الأخضر")).toEqual(["العشيره", "الاخضر"]);
    expect(searchTerms("Dialogue FORUM")).toEqual(["dialogue", "forum"]);
  });

  it("marks the original spelling of a folded match, harakat and tatweel included", () => {
    const text = "يعمل مكتب العلاقات العامة في «مسـد» على تطوير آلية عمله";
    const segs = snippet(text, ["مسد"])!;
    expect(segs.filter((s) => s.mark).map((s) => s.text)).toEqual(["مسـد"]);
    expect(segs.map((s) => s.text).join("")).toBe(text);
    const voweled = "اجتماع مع الشَّيخ فهد";
    expect(snippet(voweled, ["الشيخ"])!.filter((s) => s.mark).map((s) => s.text)).toEqual(["الشَّيخ"]);
  });

  it("cuts long texts around the first match with ellipses", () => {
    const long = `${"أ".repeat(300)} الهدف ${"ب".repeat(300)}`;
    const segs = snippet(long, ["الهدف"], 20)!;
    expect(segs[0]!.text).toBe("…");
    expect(segs[segs.length - 1]!.text).toBe("…");
    expect(segs.find((s) => s.mark)!.text).toBe("الهدف");
    expect(snippet("لا شيء هنا", ["غائب"])).toBeNull();
  });
});
