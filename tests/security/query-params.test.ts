// Strict query strings (ADR 0033) over HTTP on a real server: every route that reads its query string
// answers an unknown parameter name or a bad value (out of range, unknown enum value, a date not on the
// calendar) with 400 — JSON naming the parameter on the API, a 400 page otherwise — and still 200 for
// the good values.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { startDemoServer, signIn, type TestServer } from "../helpers/server.js";
import { backends } from "../helpers/db.js";

describe.each(backends)("query parameters are checked strictly on %s", (backend) => {
  let server: TestServer;
  let cookie: string;
  let conf: string;
  let forceId: string;
  let delegate: string;
  const ids: Record<"outreach" | "plan" | "representation", string> = { outreach: "", plan: "", representation: "" };
  const get = (path: string, as = cookie) => fetch(`${server.url}${path}`, { headers: as ? { cookie: as } : {}, redirect: "manual" });
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${server.url}${path}`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect([path, res.status]).toEqual([path, 201]);
    return ((await res.json()) as { id: string }).id;
  };

  beforeAll(async () => {
    server = await startDemoServer(backend);
    cookie = await signIn(server.url, "organizer@example.org");
    const confs = (await (await get("/api/v1/conferences")).json()) as { conferences?: { id: string }[] } | { id: string }[];
    conf = (Array.isArray(confs) ? confs : confs.conferences!)[0]!.id;
    const forces = (await (await get(`/api/v1/conferences/${conf}/forces?pageSize=1`)).json()) as { data: { id: string }[] };
    forceId = forces.data[0]!.id;
    delegate = await signIn(server.url, "delegate@example.org");
    ids.outreach = await post("/api/v1/outreach", { forceId, occurredOn: "2026-12-01", channel: "CALL", summary: "query parameters" });
    ids.plan = await post("/api/v1/plans", { horizon: "MEDIUM", goal: "query parameters", dueOn: "2099-01-01" });
    ids.representation = await post("/api/v1/representations", { country: "النرويج", area: "EUROPE" });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });

  /** [good, ...bad] per route: the good one answers 200, each bad one 400. */
  const api = (): [string, string, ...string[]][] => [
    [`/api/v1/conferences/${conf}/forces?kind=PARTY&pageSize=10&page=1`, `/api/v1/conferences/${conf}/forces?pageSize=-5`, `/api/v1/conferences/${conf}/forces?status=FOO`, `/api/v1/conferences/${conf}/forces?colour=red`, `/api/v1/conferences/${conf}/forces?page=1&page=2`],
    [`/api/v1/conferences/${conf}/invitations?status=SENT&pageSize=500`, `/api/v1/conferences/${conf}/invitations?pageSize=501`, `/api/v1/conferences/${conf}/invitations?status=FOO`, `/api/v1/conferences/${conf}/invitations?bogus=1`],
    [`/api/v1/conferences/${conf}/invitations/dashboard`, `/api/v1/conferences/${conf}/invitations/dashboard?x=1`],
    [`/api/v1/outreach?from=2026-02-28&to=2026-12-31&take=10&channel=MEETING`, `/api/v1/outreach?take=-5`, `/api/v1/outreach?from=2026-13-45`, `/api/v1/outreach?from=2026-02-30`, `/api/v1/outreach?channel=FOO`, `/api/v1/outreach?openFollowUps=maybe`, `/api/v1/outreach?colour=red`],
    [`/api/v1/outreach/follow-ups?owner=all&dueNow=1&withinDays=7`, `/api/v1/outreach/follow-ups?withinDays=-1`, `/api/v1/outreach/follow-ups?dueNow=yes`, `/api/v1/outreach/follow-ups?x=1`],
    [`/api/v1/outreach/forces/${forceId}/timeline?conferenceId=${conf}`, `/api/v1/outreach/forces/${forceId}/timeline?take=5`],
    [`/api/v1/plans?horizon=SHORT&overdue=true&conferenceId=${conf}`, `/api/v1/plans?status=FOO`, `/api/v1/plans?horizon=NEVER`, `/api/v1/plans?overdue=perhaps`, `/api/v1/plans?sort=goal`],
    [`/api/v1/plans/progress`, `/api/v1/plans/progress?horizon=SHORT`],
    [`/api/v1/representations`, `/api/v1/representations?area=ARAB`],
    [`/api/v1/search?q=${encodeURIComponent("حزب")}&kinds=force&limit=5`, `/api/v1/search?q=x&limit=0`, `/api/v1/search?q=x&kinds=weather`, `/api/v1/search?q=x&page=2`, `/api/v1/search`],
  ];

  it("the API: 400 { error: { code: bad_request, details } } naming the parameter, 200 for good values", async () => {
    for (const [good, ...bad] of api()) {
      const ok = await get(good);
      expect([good, ok.status]).toEqual([good, 200]);
      for (const path of bad) {
        const res = await get(path);
        expect([path, res.status]).toEqual([path, 400]);
        const body = (await res.json()) as { error: { code: string; message: string; details?: { params?: string[] } } };
        expect(body.error.code, path).toBe("bad_request");
      }
    }
    const unknown = (await (await get("/api/v1/outreach?colour=red")).json()) as { error: { message: string; details: { params: string[]; fieldErrors: Record<string, string[]> } } };
    expect(unknown.error.message).toContain("colour");
    expect(unknown.error.details.params).toEqual(["colour"]);
    expect(unknown.error.details.fieldErrors.colour).toEqual(["unknown"]);
    const range = (await (await get("/api/v1/outreach?take=-5")).json()) as { error: { details: { params: string[] } } };
    expect(range.error.details.params).toEqual(["take"]);
    const date = (await (await get("/api/v1/outreach?from=2026-02-30")).json()) as { error: { details: { params: string[] } } };
    expect(date.error.details.params).toEqual(["from"]);
    // Papers' amendments: the filters are read before the paper is looked up.
    for (const path of ["/api/v1/papers/x/amendments?state=FOO", "/api/v1/papers/x/amendments?section=-1", "/api/v1/papers/x/amendments?colour=red"]) {
      expect([path, (await get(path)).status]).toEqual([path, 400]);
    }
  });

  it("the pages: a 400, never a 500 nor a silently ignored filter; conf and Remix's own parameters still pass", async () => {
    const pages: [string, string, ...string[]][] = [
      [`/forces?kind=PARTY&sort=name&dir=desc&conf=${conf}`, "/forces?pageSize=-5", "/forces?kind=FOO", "/forces?colour=red"],
      ["/forces/export?format=csv&kind=PARTY", "/forces/export?format=pdf", "/forces/export?colour=red"],
      ["/invitations?status=SENT&attention=true", "/invitations?status=FOO", "/invitations?page=0", "/invitations?colour=red"],
      ["/invitations/board?kind=PARTY", "/invitations/board?colour=red"],
      ["/invitations/export?format=xlsx", "/invitations/export?format=doc", "/invitations/export?status=FOO"],
      ["/invitations/dashboard", "/invitations/dashboard?range=7"],
      ["/outreach?from=2026-01-01&page=2&channel=MEETING", "/outreach?from=2026-13-45", "/outreach?from=2026-02-30", "/outreach?page=-1", "/outreach?channel=FOO", "/outreach?colour=red"],
      ["/outreach/follow-ups", "/outreach/follow-ups?owner=me"],
      ["/plans?view=overdue", "/plans?view=calendar", "/plans?colour=red"],
      ["/representations?deleted=1", "/representations?area=ARAB"],
      [`/search?q=${encodeURIComponent("حزب")}&kind=force`, "/search?q=x&kind=weather", "/search?q=x&colour=red"],
      ["/amendments?state=SUBMITTED&notice=published", "/amendments?state=FOO", "/amendments?section=-1", "/amendments?colour=red"],
      ["/amendments/table?print=1", "/amendments/table?print=yes", "/amendments/table?colour=red"],
      ["/amendments/table.csv", "/amendments/table.csv?state=FOO"],
      ["/paper/versions", "/paper/versions?colour=red"],
      ["/paper/compare?from=current&to=current", "/paper/compare?from=current&colour=red", "/paper/compare?from=a%20b"],
    ];
    for (const [good, ...bad] of pages) {
      const ok = await get(good);
      expect([good, ok.status]).toEqual([good, 200]);
      for (const path of bad) {
        const res = await get(path);
        expect([path, res.status]).toEqual([path, 400]);
      }
    }
    // Pages that read only what the app's own links and redirects add: those still 200, anything else 400.
    const long = "x".repeat(65);
    const own: [string, string, ...string[]][] = [
      ["/account/password?changed", "/account/password?changed=yes", "/account/password?colour=red"],
      ["/backup?error=short", "/backup?error=nope", "/backup?colour=red"],
      ["/forces/import?job=expired", "/forces/import?job=a%20b", "/forces/import?colour=red"],
      [`/forces/${forceId}?created=1`, `/forces/${forceId}?created=yes`, `/forces/${forceId}?colour=red`],
      [`/outreach/new?forceId=${forceId}&contactId=&representationId=${ids.representation}`, "/outreach/new?kind=PARTY", `/outreach/new?forceId=${long}`],
      [`/outreach/${ids.outreach}?saved=1`, `/outreach/${ids.outreach}?saved=yes`, `/outreach/${ids.outreach}?colour=red`],
      ["/outreach?deleted=1", "/outreach?deleted=yes"],
      [`/plans/new?horizon=SHORT&representationId=${ids.representation}`, "/plans/new?horizon=NEVER", "/plans/new?kind=PARTY", `/plans/new?forceId=${long}`],
      [`/plans/${ids.plan}?saved=1`, `/plans/${ids.plan}?saved=2`, `/plans/${ids.plan}?colour=red`],
      ["/plans?deleted=1", "/plans?deleted=maybe"],
      [`/representations/${ids.representation}?saved=1`, `/representations/${ids.representation}?saved=yes`, `/representations/${ids.representation}?colour=red`],
      ["/paper?saved=abc", "/paper?saved=a%20b", "/paper?colour=red"],
      ["/paper/export?version=current", "/paper/export?version=a%20b", "/paper/export?colour=red"],
      ["/paper/print?version=current", "/paper/print?version=a%20b", "/paper/print?colour=red"],
      ["/amendments/table.docx", "/amendments/table.docx?state=FOO", "/amendments/table.docx?colour=red"],
      ["/amendments/table.pdf", "/amendments/table.pdf?state=FOO", "/amendments/table.pdf?colour=red"],
      ["/paper/export.pdf?version=current&lang=ar%2Bku", "/paper/export.pdf?lang=fr", "/paper/export.pdf?colour=red"],
      ["/paper/print?lang=en", "/paper/print?lang=ku%2Ben"],
    ];
    for (const [good, ...bad] of own) {
      const ok = await get(good);
      expect([good, ok.status]).toEqual([good, 200]);
      for (const path of bad) expect([path, (await get(path)).status]).toEqual([path, 400]);
    }
    // A delegate proposing: ?paper (the live paper's panel) and ?block (the paragraph chosen without JavaScript).
    expect((await get("/amendments/new?block=0", delegate)).status).toBe(200);
    for (const path of ["/amendments/new?block=first", "/amendments/new?colour=red"]) expect([path, (await get(path, delegate)).status]).toEqual([path, 400]);
    // An amendment's page: the notice and reason its action's redirect add, read before the lookup.
    expect((await get("/amendments/none?notice=created&error=window")).status).toBe(404);
    expect((await get("/amendments/none?colour=red")).status).toBe(400);
    expect((await get(`/amendments/none?notice=${"n".repeat(41)}`)).status).toBe(400);
    // Signed out: the sign-in pages take ?next= (a path and its own query string) and nothing else.
    expect((await get(`/login?next=${encodeURIComponent("/outreach?from=2026-01-01&channel=MEETING")}`, "")).status).toBe(200);
    expect((await get("/login?colour=red", "")).status).toBe(400);
    expect((await get(`/login/code?next=${encodeURIComponent("/plans")}`, "")).status).toBe(302);
    expect((await get("/login/code?colour=red", "")).status).toBe(400);

    // A client-side navigation's data request carries ?_data=…: still accepted.
    expect((await get("/outreach?_data=routes%2Foutreach._index&channel=MEETING")).status).toBe(200);
  });
});
