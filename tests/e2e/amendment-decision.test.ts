// The amendment's page right after the committee decides (issue 19): it shows the decided state and the
// notice that matches it at once, without JavaScript (post/redirect/get) and with it (no reload), and the
// "merge into the paper now" box starts unticked, so a decision merges only when the committee asks.
import { describe, it, expect } from "vitest";
import { appChromiumSuite, signedInPage } from "../helpers/browser.js";

describe("the amendment's page after a decision", () => {
  const suite = appChromiumSuite(["delegate", "committee"]);
  const prisma = () => suite.app.running.db.prisma;
  const url = () => suite.app.url;
  const cookies = suite.cookies;

  const api = async (who: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url()}/api/v1${path}`, { method, headers: { cookie: cookies[who]!, "content-type": "application/json" }, body: JSON.stringify(body ?? {}) });
    return { status: res.status, body: (await res.json()) as any };
  };
  /** An amendment of the delegate's force under the committee's review, awaiting its decision. */
  const underReview = async (start: number) => {
    const paperId = (await prisma().paper.findFirstOrThrow()).id;
    const r = await api("delegate", "POST", `/papers/${paperId}/amendments`, { type: "REPLACE", start, end: start + 10, proposedText: "نص بديل", rationale: "لأن" });
    expect(r.status).toBe(201);
    const id = r.body.amendment.id as string;
    expect((await api("delegate", "POST", `/amendments/${id}/transitions`, { to: "SUBMITTED" })).status).toBe(200);
    expect((await api("committee", "POST", `/amendments/${id}/transitions`, { to: "UNDER_REVIEW" })).status).toBe(200);
    return id;
  };
  const page = (id: string, query = "") => fetch(`${url()}/amendments/${id}${query}`, { headers: { cookie: cookies.committee! } }).then((r) => r.text());
  const decideByForm = (id: string, fields: Record<string, string>) =>
    fetch(`${url()}/amendments/${id}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: cookies.committee!, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "decide", ...fields }),
    });
  const stateOf = async (id: string) => (await prisma().amendment.findUniqueOrThrow({ where: { id } })).state;

  it("without JavaScript: the box is unticked, and the page after the redirect shows the decision and its notice", async () => {
    const id = await underReview(10);
    const before = await page(id);
    expect(/<input type="checkbox" name="merge" data-testid="merge-now"\/>/.test(before)).toBe(true);
    const version = String((await prisma().amendment.findUniqueOrThrow({ where: { id } })).version);
    // The form as a browser without JavaScript posts it: the box left unticked sends no "merge".
    const res = await decideByForm(id, { version, decision: "ACCEPTED", note: "يوسع المشاركة", decidedText: "نص بديل" });
    expect(res.status).toBe(302);
    const to = res.headers.get("location")!;
    expect(to).toBe(`/amendments/${id}?notice=decided`);
    expect(await stateOf(id)).toBe("ACCEPTED");
    const after = await page(id, to.slice(to.indexOf("?")));
    expect(after.includes('data-testid="amendment-view" data-state="ACCEPTED"')).toBe(true);
    expect(/data-testid="notice">([^<]*)</.exec(after)?.[1]).toBe("سُجّل القرار.");
    expect(after.includes('data-testid="decide-form"')).toBe(false);
    // An older page's notice that the decision overtook ("submitted") is not shown over it.
    expect((await page(id, "?notice=submitted")).includes('data-testid="notice"')).toBe(false);
  });

  it("with JavaScript: the decision shows at once, with the notice of what happened, and merging says merged", async () => {
    const { page: p } = await signedInPage(suite.browser, url(), "committee@example.org", suite.contexts);
    for (const merge of [false, true]) {
      const id = await underReview(merge ? 30 : 50);
      await p.goto(`${url()}/amendments/${id}`);
      await p.waitForSelector('[data-testid="decide-form"]');
      expect(await p.isChecked('[data-testid="merge-now"]')).toBe(false);
      await p.fill('[data-testid="decision-reason"]', "يوسع المشاركة");
      if (merge) await p.check('[data-testid="merge-now"]');
      await p.click('[data-testid="decide"]');
      const state = merge ? "MERGED" : "ACCEPTED";
      await p.waitForSelector(`[data-testid="amendment-view"][data-state="${state}"]`, { timeout: 10_000 });
      expect(await p.textContent('[data-testid="notice"]')).toBe(merge ? "دُمج التعديل في الورقة." : "سُجّل القرار.");
      expect(await p.locator('[data-testid="decide-form"]').count()).toBe(0);
      expect(await stateOf(id)).toBe(state);
    }
  }, 60_000);

  it("a decision made meanwhile elsewhere: the refused page shows it at once, with the refusal instead of its old notice", async () => {
    for (const js of [false, true]) {
      const id = await underReview(js ? 70 : 90);
      const { page: p } = await signedInPage(suite.browser, url(), "committee@example.org", suite.contexts, { javaScriptEnabled: js });
      // No live updates: the page learns of the other decision only from its own refused step.
      await p.route("**/socket.io/**", (r) => r.abort());
      await p.goto(`${url()}/amendments/${id}?notice=recommended`);
      await p.waitForSelector('[data-testid="notice"]');
      if (js) await p.waitForLoadState("networkidle");
      const version = String((await prisma().amendment.findUniqueOrThrow({ where: { id } })).version);
      expect((await decideByForm(id, { version, decision: "REJECTED", note: "لا يتسق مع الورقة" })).status).toBe(302);
      await p.fill('[data-testid="decision-reason"]', "يوسع المشاركة");
      await p.click('[data-testid="decide"]');
      await p.waitForSelector('[data-testid="amendment-view"][data-state="REJECTED"]', { timeout: 10_000 });
      await p.waitForSelector('[data-testid="form-error"]');
      expect(await p.locator('[data-testid="notice"]').count()).toBe(0);
      expect(await stateOf(id)).toBe("REJECTED");
    }
  }, 60_000);
});
