// The JSON API and the pages over real HTTP against the built server (demo seed): 409 on an illegal
// transition and on a stale version (nothing changed), role checks, the CSV import endpoint, exports,
// the OpenAPI document, and the pages rendering for each role.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { startTestServer, signIn, type TestServer } from "../helpers/server.js";

describe("invitations over HTTP", () => {
  let server: TestServer;
  const cookie: Record<string, string> = {};
  let conf: string;
  const call = async (who: string, path: string, init: RequestInit & { json?: unknown } = {}) => {
    const headers: Record<string, string> = { cookie: cookie[who]!, ...(init.json !== undefined ? { "content-type": "application/json" } : {}) };
    const res = await fetch(`${server.url}${path}`, { ...init, headers: { ...headers, ...(init.headers as object) }, body: init.json !== undefined ? JSON.stringify(init.json) : init.body, redirect: "manual" });
    const type = res.headers.get("content-type") ?? "";
    return { status: res.status, body: type.includes("json") ? await res.json() : await res.text(), headers: res.headers };
  };
  const invitationsOf = async (who: string, qs = "") => (await call(who, `/api/v1/conferences/${conf}/invitations?pageSize=200${qs}`)).body;

  beforeAll(async () => {
    server = await startTestServer();
    for (const who of ["organizer", "organizer", "committee", "delegate", "observer"]) cookie[who] = await signIn(server.url, `${who}@example.org`);
    conf = (await call("organizer", "/api/v1/conferences")).body.conferences[0].id;
  });
  afterAll(async () => server?.stop());

  it("serves the OpenAPI document", async () => {
    const res = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.paths["/api/v1/invitations/{id}/transitions"].post.responses["409"]).toBeDefined();
    expect(doc.components.schemas.Invitation.properties.allowedNext).toBeDefined();
  });

  it("lists with filters and Arabic-folded search", async () => {
    const all = await invitationsOf("organizer");
    expect(all.page.total).toBe(20);
    const sent = await invitationsOf("organizer", "&status=SENT");
    expect(sent.data.every((r: { status: string }) => r.status === "SENT")).toBe(true);
    // «الافق» (bare alef) finds «حزب الأفق الديمقراطي».
    const q = await invitationsOf("organizer", `&q=${encodeURIComponent("الافق")}`);
    expect(q.data.map((r: { force: { nameAr: string } }) => r.force.nameAr)).toEqual(["حزب الأفق الديمقراطي"]);
    const bad = await call("organizer", `/api/v1/conferences/${conf}/invitations?status=MAYBE`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("bad_request");
  });

  it("409 illegal_transition and 409 stale_version, with nothing changed", async () => {
    const cand = (await invitationsOf("organizer", "&status=CANDIDATE")).data[0];
    const illegal = await call("organizer", `/api/v1/invitations/${cand.id}/transitions`, { method: "POST", json: { to: "ATTENDED", version: cand.version } });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error).toMatchObject({ code: "illegal_transition", details: { from: "CANDIDATE", to: "ATTENDED" } });
    expect(illegal.body.error.message).toMatch(/cannot move from CANDIDATE to ATTENDED/);

    const ok = await call("organizer", `/api/v1/invitations/${cand.id}/transitions`, { method: "POST", json: { to: "APPROVED", version: cand.version, note: "موافقة" } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "APPROVED", version: cand.version + 1 });

    const stale = await call("organizer", `/api/v1/invitations/${cand.id}/transitions`, { method: "POST", json: { to: "WITHDRAWN", version: cand.version } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "stale_version", details: { current: { status: "APPROVED", version: cand.version + 1 } } });

    const detail = (await call("committee", `/api/v1/invitations/${cand.id}`)).body;
    expect(detail.status).toBe("APPROVED");
    expect(detail.events.at(-1)).toMatchObject({ fromStatus: "CANDIDATE", toStatus: "APPROVED", note: "موافقة", actor: { name: "منسق المؤتمر" } });

    const malformed = await call("organizer", `/api/v1/invitations/${cand.id}/transitions`, { method: "POST", body: "{not json", headers: { "content-type": "application/json" } });
    expect(malformed.status).toBe(400);
    const missing = await call("organizer", `/api/v1/invitations/${cand.id}/transitions`, { method: "POST", json: { to: "SENT" } });
    expect(missing.status).toBe(400);
  });

  it("roles: delegate sees only their force's invitation; committee and observer read but cannot change", async () => {
    const mine = await invitationsOf("delegate");
    expect(mine.data.map((r: { force: { nameAr: string } }) => r.force.nameAr)).toEqual(["حزب الأفق الديمقراطي"]);
    const other = (await invitationsOf("organizer", "&status=SENT")).data[0];
    expect((await call("delegate", `/api/v1/invitations/${other.id}`)).status).toBe(404);
    expect((await call("delegate", `/api/v1/conferences/${conf}/forces`)).status).toBe(403);
    for (const who of ["committee", "observer"]) {
      expect((await invitationsOf(who)).page.total).toBe(20);
      const r = await call(who, `/api/v1/invitations/${other.id}/transitions`, { method: "POST", json: { to: "CONFIRMED", version: other.version } });
      expect(r.status, who).toBe(403);
      const b = await call(who, `/api/v1/conferences/${conf}/invitations/bulk-transitions`, { method: "POST", json: { to: "CONFIRMED", items: [{ id: other.id }] } });
      expect(b.status, who).toBe(403);
      const f = await call(who, `/api/v1/conferences/${conf}/forces`, { method: "POST", json: { kind: "PARTY", nameAr: "قوة", region: "ABROAD" } });
      expect(f.status, who).toBe(403);
    }
    expect((await call("organizer", `/api/v1/invitations/${other.id}`)).body.status).toBe("SENT");
    const anon = await fetch(`${server.url}/api/v1/conferences/${conf}/invitations`);
    expect(anon.status).toBe(401);
    // Pages: the delegate is taken to their own invitation; the board is for staff only.
    const page = await call("delegate", "/invitations");
    expect(page.status).toBe(302);
    expect((await call("delegate", "/invitations/board")).status).toBe(403);
  });

  it("PUT a delegation member: organizer and the force's delegate edit it; wrong roles, bad input and stale versions are refused and change nothing", async () => {
    const own = (await invitationsOf("delegate")).data[0];
    const path = (id: string) => `/api/v1/invitations/${own.id}/delegates/${id}`;
    const added = await call("organizer", `/api/v1/invitations/${own.id}/delegates`, { method: "POST", json: { version: own.version, name: "سلمى يوسف", contact: "+963 900" } });
    expect(added.status).toBe(201);
    const memberId: string = added.body.member.id;

    const put = await call("organizer", path(memberId), { method: "PUT", json: { version: added.body.invitation.version, name: "سلمى يوسف الأحمد", isSubstitute: true, needsVisa: true } });
    expect(put.status).toBe(200);
    expect(put.body.member).toMatchObject({ id: memberId, name: "سلمى يوسف الأحمد", isSubstitute: true, needsVisa: true, contact: null });
    expect(put.body.invitation.version).toBe(added.body.invitation.version + 1);
    const byDelegate = await call("delegate", path(memberId), { method: "PUT", json: { version: put.body.invitation.version, name: "سلمى", contact: "+963 901" } });
    expect(byDelegate.status).toBe(200);
    expect(byDelegate.body.member).toMatchObject({ name: "سلمى", isSubstitute: false, contact: "+963 901" });
    const version: number = byDelegate.body.invitation.version;

    const current = async () => {
      const d = (await call("organizer", `/api/v1/invitations/${own.id}`)).body;
      return { version: d.version, member: d.delegates.find((m: { id: string }) => m.id === memberId) };
    };
    const before = await current();
    expect(before).toMatchObject({ version, member: { name: "سلمى", contact: "+963 901" } });
    const refusals: [string, RequestInit & { json?: unknown }, number, string][] = [
      ["committee", { method: "PUT", json: { version, name: "x" } }, 403, "forbidden"],
      ["observer", { method: "PUT", json: { version, name: "x" } }, 403, "forbidden"],
      ["organizer", { method: "PUT", json: { version, name: "" } }, 400, "bad_request"],
      ["organizer", { method: "PUT", json: { version, name: "ن".repeat(201) } }, 400, "bad_request"],
      ["organizer", { method: "PUT", json: { name: "x" } }, 400, "bad_request"],
      ["organizer", { method: "PUT", json: { version: String(version), name: "x" } }, 400, "bad_request"],
      ["organizer", { method: "PUT", body: "{not json", headers: { "content-type": "application/json" } }, 400, "bad_request"],
      ["organizer", { method: "PUT", json: { version: version - 1, name: "x" } }, 409, "stale_version"],
      ["organizer", { method: "PATCH", json: { version, name: "x" } }, 405, "method_not_allowed"],
    ];
    for (const [who, init, status, code] of refusals) {
      const r = await call(who, path(memberId), init);
      expect([who, init.method, r.status, r.body.error?.code]).toEqual([who, init.method, status, code]);
    }
    expect((await call("organizer", path("no-such-member"), { method: "PUT", json: { version, name: "x" } })).status).toBe(404);
    // Another force's delegate (delegate2) does not see this invitation at all.
    cookie.delegate2 = await signIn(server.url, "delegate2@example.org");
    expect((await call("delegate2", path(memberId), { method: "PUT", json: { version, name: "x" } })).status).toBe(404);
    const anon = await fetch(`${server.url}${path(memberId)}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ version, name: "x" }) });
    expect(anon.status).toBe(401);
    expect(await current()).toEqual(before);
  });

  it("bulk change over the API reports changed and refused rows", async () => {
    const rows = (await invitationsOf("organizer", "&status=SENT")).data;
    const confirmed = (await invitationsOf("organizer", "&status=CONFIRMED")).data[0];
    const res = await call("organizer", `/api/v1/conferences/${conf}/invitations/bulk-transitions`, {
      method: "POST",
      json: { to: "NO_RESPONSE", items: [...rows.map((r: { id: string; version: number }) => ({ id: r.id, version: r.version })), { id: confirmed.id, version: confirmed.version }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.changed.length).toBe(rows.length);
    expect(res.body.refused).toEqual([{ id: confirmed.id, code: "illegal_transition", from: "CONFIRMED", message: expect.stringMatching(/cannot move from CONFIRMED to NO_RESPONSE/) }]);
  });

  it("forces: duplicate warning 409, CSV import refuses a bad file whole, exports carry a BOM", async () => {
    const dup = await call("organizer", `/api/v1/conferences/${conf}/forces`, { method: "POST", json: { kind: "PARTY", nameAr: "حزب الافق الديمقراطى", region: "ABROAD" } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.reason).toBe("duplicate_name");

    const before = (await call("organizer", `/api/v1/conferences/${conf}/forces?pageSize=1&archived=include`)).body.page.total;
    const bad = "\uFEFFname_ar,kind,region\nقوة جيدة,PARTY,ABROAD\nقوة سيئة,ARMY,ABROAD\n";
    const r1 = await call("organizer", `/api/v1/conferences/${conf}/forces/import`, { method: "POST", body: bad, headers: { "content-type": "text/csv" } });
    expect(r1.status).toBe(422);
    expect(r1.body.errors).toEqual([{ line: 3, column: "kind", code: "bad_kind", params: expect.objectContaining({ value: "ARMY" }), message: expect.stringMatching(/ARMY/) }]);
    expect((await call("organizer", `/api/v1/conferences/${conf}/forces?pageSize=1&archived=include`)).body.page.total).toBe(before);
    const good = "name_ar,kind,region,invitation_status\nقوة جيدة,PARTY,ABROAD,SENT\n";
    const r2 = await call("organizer", `/api/v1/conferences/${conf}/forces/import`, { method: "POST", body: good, headers: { "content-type": "text/csv" } });
    expect(r2.status).toBe(201);
    expect(r2.body.imported).toEqual({ forces: 1, invitations: 1, contacts: 0 });

    const csv = await fetch(`${server.url}/forces/export?format=csv&kind=PARTY`, { headers: { cookie: cookie.organizer! } });
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain("قوة جيدة");
    const xlsx = await fetch(`${server.url}/invitations/export?format=xlsx`, { headers: { cookie: cookie.observer! } });
    expect(xlsx.status).toBe(200);
    expect(String.fromCharCode(...new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2))).toBe("PK");
  });

  it("pages render for staff, and a no-JS board form moves a card", async () => {
    for (const path of ["/forces", "/forces/new", "/invitations", "/invitations/board", "/invitations/attention", "/invitations/dashboard", "/forces/import"]) {
      const r = await call("organizer", path);
      expect(r.status, path).toBe(200);
    }
    const q = await call("organizer", `/forces?q=${encodeURIComponent("مسـد")}`);
    expect(q.status).toBe(200);
    const approved = (await invitationsOf("organizer", "&status=APPROVED")).data[0];
    const form = new URLSearchParams({ id: approved.id, to: "SENT", version: String(approved.version) });
    const moved = await fetch(`${server.url}/invitations/board`, { method: "POST", body: form, headers: { cookie: cookie.organizer! }, redirect: "manual" });
    expect(moved.status).toBe(200);
    expect((await call("organizer", `/api/v1/invitations/${approved.id}`)).body.status).toBe("SENT");
    const again = await fetch(`${server.url}/invitations/board`, { method: "POST", body: form, headers: { cookie: cookie.organizer! }, redirect: "manual" });
    expect(again.status).toBe(409);
    const observerPost = await fetch(`${server.url}/invitations/board`, { method: "POST", body: form, headers: { cookie: cookie.observer! }, redirect: "manual" });
    expect(observerPost.status).toBe(403);
  });
});
