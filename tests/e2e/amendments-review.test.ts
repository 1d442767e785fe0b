// Review finishing (issue 19, ADR 0061) through the real server and Chromium: a force's lead signs off
// what its other delegate drafted (ask, send back with a note, submit; the page and the API say who), and
// amendment phases set by organizers with no-JS forms, a ticking countdown, and a late submission refused
// with the time the window closed, in the reader's language and the conference's zone. Every new route as
// the wrong role and with bad input.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { launchBrowser, signedInPage } from "../helpers/browser.js";
import { signIn } from "../helpers/server.js";
import { startAppServer, type AppServer } from "../helpers/app-server.js";

const WAIT = { timeout: 30_000 };
const ZONE = "Asia/Damascus";

describe("a force's sign-off and amendment phases in the running app", () => {
  let server: AppServer;
  let browser: Browser;
  let paperId: string;
  let conferenceId: string;
  let forceId: string;
  const ids: Record<string, string> = {};
  const contexts: BrowserContext[] = [];
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer({ TAWAFUQ_TIME_ZONE: ZONE }), launchBrowser()]);
    const prisma = server.running.db.prisma;
    paperId = (await prisma.paper.findFirstOrThrow()).id;
    conferenceId = (await prisma.conference.findFirstOrThrow()).id;
    // A second delegate of the demo delegate's force: the drafter (same demo password).
    const lead = await prisma.user.findUniqueOrThrow({ where: { email: "delegate@example.org" }, include: { memberships: true } });
    forceId = lead.memberships[0]!.forceId!;
    const drafter = await prisma.user.create({ data: { email: "drafter@example.org", name: "Drafter Delegate", passwordHash: lead.passwordHash, passwordChangedAt: new Date() } });
    await prisma.membership.create({ data: { userId: drafter.id, conferenceId, role: "DELEGATE", forceId } });
    // The lead reads English: the refusal's time is checked in the reader's language.
    await prisma.user.update({ where: { id: lead.id }, data: { locale: "en" } });
    for (const who of ["delegate", "delegate2", "drafter", "organizer", "committee"]) {
      cookies[who] = await signIn(server.url, `${who}@example.org`);
      ids[who] = (await prisma.user.findUniqueOrThrow({ where: { email: `${who}@example.org` } })).id;
    }
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  const as = async (who: string) => (await signedInPage(browser, server.url, `${who}@example.org`, contexts)).page;
  const api = async (who: string | null, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { ...(who ? { cookie: cookies[who]! } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as any) };
  };
  const form = (who: string, path: string, fields: Record<string, string>) =>
    fetch(`${server.url}${path}`, { method: "POST", redirect: "manual", headers: { cookie: cookies[who]!, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields) });
  const draft = async (who: string) => {
    const r = await api(who, "POST", `/papers/${paperId}/amendments`, { type: "REPLACE", start: 10, end: 20, proposedText: "نص بديل", rationale: "لأن" });
    expect(r.status).toBe(201);
    return r.body.amendment.id as string;
  };
  const phases = () => server.running.db.prisma.amendmentPhase.findMany({ where: { conferenceId }, orderBy: { openAt: "asc" } });

  it("API: naming the lead, the sign-off and the phases refuse the wrong role and bad input", async () => {
    const lead = `/conferences/${conferenceId}/forces/${forceId}/lead`;
    expect((await api(null, "PUT", lead, { userId: ids.delegate })).status).toBe(401);
    expect((await api("delegate", "PUT", lead, { userId: ids.delegate })).status).toBe(403); // no lead yet: organizers name one
    expect((await api("committee", "PUT", lead, { userId: ids.delegate })).status).toBe(403);
    expect((await api("organizer", "PUT", lead, { userId: ids.delegate2 })).body.error.details.reason).toBe("notADelegate");
    expect((await api("organizer", "PUT", lead, "{not json")).status).toBe(400);
    expect((await api("organizer", "PUT", lead, { userId: "x".repeat(65) })).status).toBe(400);
    expect((await api("organizer", "POST", lead, { userId: ids.delegate })).status).toBe(405);
    expect(await api("organizer", "PUT", lead, { userId: ids.delegate })).toMatchObject({ status: 200, body: { leadDelegateId: ids.delegate } });

    const id = await draft("drafter");
    const signOff = `/amendments/${id}/sign-off`;
    expect((await api("drafter", "POST", `/amendments/${id}/transitions`, { to: "SUBMITTED" })).status).toBe(403);
    expect((await api("drafter", "POST", signOff, { step: "approve" })).status).toBe(400);
    expect((await api("drafter", "POST", signOff, { step: "ask", note: "ن".repeat(5001) })).status).toBe(400);
    expect((await api("delegate2", "POST", signOff, { step: "ask" })).status).toBe(404);
    expect((await api("committee", "POST", signOff, { step: "ask" })).status).toBe(404); // a draft is the force's
    expect(await api("drafter", "POST", signOff, { step: "ask" })).toMatchObject({ status: 200, body: { stage: "askedForSubmission", amendment: { askedForSubmission: true }, signOff: { requestedBy: { id: ids.drafter } } } });
    expect((await api("drafter", "POST", signOff, { step: "ask" })).status).toBe(409);
    expect((await api("drafter", "POST", signOff, { step: "sendBack", note: "لا" })).status).toBe(403);
    expect((await api("delegate", "POST", signOff, { step: "sendBack" })).status).toBe(400);
    expect(await api("delegate", "POST", signOff, { step: "sendBack", note: "وضّح" })).toMatchObject({ status: 200, body: { stage: "drafting" } });

    const list = `/conferences/${conferenceId}/amendment-phases`;
    expect(await api("delegate", "GET", list)).toMatchObject({ status: 200, body: { window: { state: "open", current: { number: 1 } } } });
    const good = { name: "القراءة الثانية", openAt: "2099-01-01T08:00:00Z", closeAt: "2099-01-02T08:00:00Z" };
    for (const who of ["delegate", "committee", "drafter"]) expect((await api(who, "POST", list, good)).status).toBe(403);
    expect((await api("organizer", "POST", list, { ...good, closeAt: good.openAt })).status).toBe(400);
    expect((await api("organizer", "POST", list, { ...good, openAt: "soon" })).status).toBe(400);
    expect((await api("organizer", "POST", list, { ...good, name: "x".repeat(500) })).status).toBe(400);
    const now = Date.now();
    expect((await api("organizer", "POST", list, { openAt: new Date(now).toISOString(), closeAt: new Date(now + 3600_000).toISOString() })).body.error.details.reason).toBe("phaseOverlap");
    expect((await api("organizer", "PATCH", `${list}/nope`, good)).status).toBe(404);
    expect((await api("committee", "DELETE", `${list}/nope`)).status).toBe(403);
    expect((await phases()).length).toBe(1);
    const added = await api("organizer", "POST", list, good);
    expect(added.status).toBe(201);
    expect((await api("organizer", "DELETE", `${list}/${added.body.id}`)).status).toBe(204);
    expect((await phases()).length).toBe(1);
  });

  it("Chromium: the drafter asks, the lead sends back with a note, then signs off; the page says who", async () => {
    const id = await draft("drafter");
    const drafter = await as("drafter");
    await drafter.goto(`${server.url}/amendments/${id}`);
    expect(await drafter.locator('[data-testid="submit"]').count()).toBe(0);
    await drafter.click('[data-testid="ask"]');
    await drafter.waitForURL(/notice=asked/, WAIT);
    // The URL changes a moment before the new page renders: wait for the rendered stage.
    await drafter.waitForSelector('[data-testid="sign-off"][data-stage="askedForSubmission"]', WAIT);

    const lead = await as("delegate");
    await lead.goto(`${server.url}/amendments/${id}`);
    expect(await lead.textContent('[data-testid="sign-off-asked"]')).toContain("Drafter Delegate");
    await lead.fill('[data-testid="send-back-note"]', "وضّح المبررات");
    await lead.click('[data-testid="send-back"]');
    await lead.waitForURL(/notice=sentBack/, WAIT);
    await lead.waitForSelector('[data-testid="sign-off"][data-stage="drafting"]', WAIT);
    expect(await lead.textContent('[data-testid="history"]')).toContain("وضّح المبررات");

    // Without JavaScript: the form posts and redirects.
    const version = (await server.running.db.prisma.amendment.findUniqueOrThrow({ where: { id } })).version;
    const asked = await form("drafter", `/amendments/${id}`, { intent: "ask", version: String(version) });
    expect(asked.status).toBe(302);
    await lead.goto(`${server.url}/amendments/${id}`);
    await lead.click('[data-testid="submit"]');
    await lead.waitForURL(/notice=submitted/, WAIT);
    await lead.waitForSelector('[data-testid="signed-off-by"]', WAIT);
    const line = await lead.textContent('[data-testid="signed-off-by"]');
    const leadName = (await server.running.db.prisma.user.findUniqueOrThrow({ where: { id: ids.delegate } })).name;
    expect(line).toContain(leadName); // who signed off…
    expect(line).toContain("Drafter Delegate"); // …with who asked
    const seen = await api("committee", "GET", `/amendments/${id}`);
    expect(seen.body.signOff).toMatchObject({ signedOffBy: { id: ids.delegate }, requestedBy: { id: ids.drafter }, phase: { number: 1 } });
  });

  it("phases: organizers add one without JS; the countdown ticks; a late submission says when it closed", async () => {
    const organizer = await as("organizer");
    await organizer.goto(`${server.url}/amendments`);
    await organizer.fill('[data-testid="phase-add-form"] [data-testid="phase-name"]', "القراءة الثانية");
    await organizer.fill('[data-testid="phase-add-form"] [data-testid="phase-open"]', "2099-03-01T10:00");
    await organizer.fill('[data-testid="phase-add-form"] [data-testid="phase-close"]', "2099-03-05T18:00");
    await organizer.click('[data-testid="phase-add"]');
    await organizer.waitForURL(/notice=phaseSaved/, WAIT);
    const [first, second] = await phases();
    expect(second).toMatchObject({ name: "القراءة الثانية", openAt: new Date("2099-03-01T07:00:00Z"), closeAt: new Date("2099-03-05T15:00:00Z") });
    // The wrong role and bad input through the page's forms: refused, nothing changes.
    expect((await form("drafter", "/amendments", { intent: "phase-add", openAt: "2099-04-01T10:00", closeAt: "2099-04-02T10:00" })).status).toBe(403);
    expect((await form("organizer", "/amendments", { intent: "phase-add", openAt: "2099-02-30T10:00", closeAt: "2099-04-02T10:00" })).status).toBe(400);
    expect((await form("organizer", "/amendments", { intent: "phase-update", id: second!.id, openAt: "2099-03-01T10:00", closeAt: "2099-02-01T10:00" })).status).toBe(400);
    expect((await form("delegate", "/amendments", { intent: "phase-delete", id: second!.id })).status).toBe(403);
    expect((await phases()).length).toBe(2);

    // The first phase closes in half an hour: the delegate sees it count down, second by second.
    const prisma = server.running.db.prisma;
    await prisma.amendmentPhase.update({ where: { id: first!.id }, data: { closeAt: new Date(Date.now() + 30 * 60_000) } });
    const lead = await as("delegate");
    await lead.goto(`${server.url}/amendments`);
    expect(await lead.getAttribute('[data-testid="window-state"]', "data-state")).toBe("open");
    const t1 = await lead.textContent('[data-testid="countdown"]');
    expect(t1).toMatch(/closes in 29 minutes|closes in 30 minutes/);
    await lead.waitForFunction((t) => document.querySelector('[data-testid="countdown"]')?.textContent !== t, t1, WAIT);

    // A draft the lead is about to submit when the phase closes: refused, saying when (Damascus, English).
    const id = await draft("delegate");
    await lead.goto(`${server.url}/amendments/${id}`);
    await lead.waitForSelector('[data-testid="submit"]', WAIT);
    const closedAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    await prisma.amendmentPhase.update({ where: { id: first!.id }, data: { closeAt: closedAt } });
    await lead.click('[data-testid="submit"]');
    await lead.waitForSelector('[data-testid="form-error"]', WAIT);
    expect(await lead.getAttribute('[data-testid="form-error"]', "data-reason")).toBe("window_closed");
    const said = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: ZONE }).format(closedAt);
    const text = await lead.textContent('[data-testid="form-error"]');
    expect(text).toContain(`closed on ${said}`);
    expect(text).toContain("the next phase opens on");
    expect((await prisma.amendment.findUniqueOrThrow({ where: { id } })).state).toBe("DRAFT");
  });
});
