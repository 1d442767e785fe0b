// Editing the agenda over real HTTP against the built server (demo seed, ADR 0057): the page's no-JS
// edit/delete forms for sessions and items and the cross-session move, and the agenda writes of /api/v1;
// each tried as a delegate and an observer (403 or 404, nothing changed) and with bad input (400,
// nothing changed), and a stale version refused with 409.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { postForm, signInAs } from "../security/helpers.js";
import { AgendaItemSchema, AgendaSessionSchema, MovedItemSchema, MovedSessionSchema } from "~/domain/agenda-schema";

describe("editing the agenda: page forms and /api/v1", () => {
  let app: AppServer;
  let conferenceId: string;
  const cookie: Record<string, string> = {};
  const prisma = () => app.running.services.prisma;
  const snapshot = async () => ({
    sessions: await prisma().agendaSession.findMany({ where: { conferenceId }, orderBy: { id: "asc" } }),
    items: await prisma().agendaItem.findMany({ where: { session: { conferenceId } }, orderBy: { id: "asc" } }),
  });
  const call = async (who: string | null, method: string, path: string, json?: unknown) => {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { ...(who ? { cookie: cookie[who]! } : {}), ...(json !== undefined ? { "content-type": "application/json" } : {}) },
      body: json === undefined ? undefined : typeof json === "string" ? json : JSON.stringify(json),
      redirect: "manual",
    });
    return { status: res.status, body: (res.headers.get("content-type") ?? "").includes("json") ? await res.json() : await res.text() };
  };
  const form = (who: string, fields: Record<string, string>) => postForm(app.url, "/agenda", cookie[who]!, fields);
  let s1: string;
  let s2: string;

  beforeAll(async () => {
    app = await startAppServer();
    conferenceId = (await prisma().conference.findFirstOrThrow()).id;
    // This suite builds its own agenda from an empty one: the demo's seeded sessions (and their items) go first.
    await prisma().agendaSession.deleteMany({ where: { conferenceId } });
    for (const who of ["organizer", "committee", "delegate", "observer"]) cookie[who] = await signInAs(app.url, `${who}@example.org`);
  }, 240_000);
  afterAll(async () => app?.stop());

  it("the API builds the agenda: sessions, items, move across sessions, edit, current, next, delete", async () => {
    const a = await call("organizer", "POST", `/api/v1/conferences/${conferenceId}/agenda/sessions`, { title: "الجلسة الأولى", day: "2026-12-10", startsAt: "09:00", endsAt: "12:00", room: "القاعة الكبرى" });
    expect(a.status).toBe(201);
    s1 = AgendaSessionSchema.omit({ items: true }).parse(a.body).id;
    const b = await call("committee", "POST", `/api/v1/conferences/${conferenceId}/agenda/sessions`, { title: "الجلسة الثانية", day: "2026-12-10", startsAt: "14:00" });
    s2 = b.body.id;
    const ids: string[] = [];
    for (const title of ["الافتتاح", "التقرير", "الختام"]) {
      const r = await call("organizer", "POST", `/api/v1/agenda/sessions/${s1}/items`, { title });
      expect(r.status).toBe(201);
      ids.push(AgendaItemSchema.parse(r.body).id);
    }
    // The last item into the second session, then the first one to the end of its own.
    const moved = await call("organizer", "POST", `/api/v1/agenda/items/${ids[2]}/move`, { position: 0, version: 1, sessionId: s2 });
    expect(moved.status).toBe(200);
    expect(MovedItemSchema.parse(moved.body)).toEqual({ id: ids[2], sessionId: s2, position: 0, version: 2 });
    expect((await call("organizer", "POST", `/api/v1/agenda/items/${ids[0]}/move`, { position: 5, version: 1 })).body.position).toBe(1);
    const stale = await call("organizer", "POST", `/api/v1/agenda/items/${ids[0]}/move`, { position: 0, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
    const agenda = (await call("delegate", "GET", `/api/v1/conferences/${conferenceId}/agenda`)).body;
    expect(agenda.sessions.map((s: any) => s.items.length)).toEqual([0, 0]); // proposed items are the organizers'

    const edited = await call("organizer", "PUT", `/api/v1/agenda/items/${ids[1]}`, { kind: "PAPER_SECTION", title: "التقرير السياسي", refId: "المبادئ العامة", notes: "٢٠ دقيقة", version: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: "التقرير السياسي", refId: "المبادئ العامة", version: 2 });
    const session = await call("organizer", "PUT", `/api/v1/agenda/sessions/${s2}`, { title: "جلسة الختام", day: "2026-12-11", startsAt: "15:00", endsAt: "17:00", room: "ب", chair: "الرئاسة", version: 1 });
    expect(session.body).toMatchObject({ title: "جلسة الختام", day: "2026-12-11", startsAt: "15:00", version: 2 });

    for (const id of [ids[1]!, ids[0]!]) {
      const v = (await prisma().agendaItem.findUniqueOrThrow({ where: { id } })).version;
      expect((await call("organizer", "POST", `/api/v1/agenda/items/${id}/transitions`, { to: "SCHEDULED", version: v })).status).toBe(200);
    }
    const first = await call("committee", "POST", `/api/v1/conferences/${conferenceId}/agenda/next`, { currentId: null });
    expect(first.body).toEqual({ currentItemId: ids[1] });
    const again = await call("committee", "POST", `/api/v1/conferences/${conferenceId}/agenda/next`, { currentId: null });
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe("moved_on");
    const v0 = (await prisma().agendaItem.findUniqueOrThrow({ where: { id: ids[0]! } })).version;
    expect((await call("organizer", "POST", `/api/v1/agenda/items/${ids[0]}/current`, { version: v0 })).body).toEqual({ currentItemId: ids[0] });
    expect((await prisma().agendaItem.findUniqueOrThrow({ where: { id: ids[1]! } })).status).toBe("DONE");

    expect((await call("organizer", "DELETE", `/api/v1/agenda/items/${ids[2]}?version=1`)).status).toBe(409);
    expect((await call("organizer", "DELETE", `/api/v1/agenda/items/${ids[2]}?version=2`)).body).toEqual({ id: ids[2], deleted: true });
    const extra = (await call("organizer", "POST", `/api/v1/conferences/${conferenceId}/agenda/sessions`, { title: "مؤقتة", day: "2026-12-12", startsAt: "10:00" })).body;
    expect((await call("organizer", "DELETE", `/api/v1/agenda/sessions/${extra.id}?version=1`)).body).toEqual({ id: extra.id, deleted: true });
    expect(await prisma().agendaSession.count({ where: { id: extra.id } })).toBe(0);
    expect(await prisma().auditEvent.count({ where: { action: { in: ["agenda.session.delete", "agenda.item.delete", "agenda.item.update", "agenda.session.update"] } } })).toBe(4);
  });

  it("delegates and observers can use none of the API's agenda writes; nothing changes", async () => {
    const before = await snapshot();
    const [item] = before.items;
    const v = item!.version;
    const tries: [string, string, unknown][] = [
      ["POST", `/api/v1/conferences/${conferenceId}/agenda/sessions`, { title: "x", day: "2026-12-11", startsAt: "09:00" }],
      ["PUT", `/api/v1/agenda/sessions/${s1}`, { title: "x", day: "2026-12-11", startsAt: "09:00", version: before.sessions.find((s) => s.id === s1)!.version }],
      ["DELETE", `/api/v1/agenda/sessions/${s1}?version=1`, undefined],
      ["POST", `/api/v1/agenda/sessions/${s1}/items`, { title: "x" }],
      ["PUT", `/api/v1/agenda/items/${item!.id}`, { title: "x", version: v }],
      ["DELETE", `/api/v1/agenda/items/${item!.id}?version=${v}`, undefined],
      ["POST", `/api/v1/agenda/items/${item!.id}/move`, { position: 0, version: v, sessionId: s2 }],
      ["POST", `/api/v1/agenda/items/${item!.id}/current`, { version: v }],
      ["POST", `/api/v1/agenda/items/${item!.id}/transitions`, { to: "DROPPED", version: v }],
      ["POST", `/api/v1/conferences/${conferenceId}/agenda/next`, { currentId: null }],
    ];
    for (const who of ["delegate", "observer"]) {
      for (const [method, path, json] of tries) {
        const r = await call(who, method, path, json);
        expect([403, 404], `${who} ${method} ${path}`).toContain(r.status);
        expect(r.body.error.code, `${who} ${method} ${path}`).toMatch(/forbidden|not_found/);
      }
    }
    for (const [method, path, json] of tries) expect((await call(null, method, path, json)).status, `anonymous ${method} ${path}`).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it("bad input to the API is a 400 that changes nothing", async () => {
    const before = await snapshot();
    const item = before.items.find((i) => i.sessionId === s1)!;
    const tries: [string, string, unknown][] = [
      ["POST", `/api/v1/conferences/${conferenceId}/agenda/sessions`, { title: "x", day: "2026-02-30", startsAt: "09:00" }],
      ["POST", `/api/v1/conferences/${conferenceId}/agenda/sessions`, { title: "x", day: "2026-12-11", startsAt: "10:00", endsAt: "09:00" }],
      ["POST", `/api/v1/conferences/${conferenceId}/agenda/sessions`, "{nope"],
      ["PUT", `/api/v1/agenda/sessions/${s1}`, { title: "", day: "2026-12-11", startsAt: "09:00", version: 1 }],
      ["DELETE", `/api/v1/agenda/sessions/${s1}?version=x`, undefined],
      ["DELETE", `/api/v1/agenda/sessions/${s1}`, undefined],
      ["POST", `/api/v1/agenda/sessions/${s1}/items`, { title: "x", kind: "AMENDMENT" }],
      ["POST", `/api/v1/agenda/sessions/${s1}/items`, { title: "x", kind: "VOTE", refId: "no-such-vote" }],
      ["POST", `/api/v1/agenda/sessions/${s1}/items`, { title: "x", sessionId: s2 }],
      ["PUT", `/api/v1/agenda/items/${item.id}`, { title: "x".repeat(301), version: item.version }],
      ["DELETE", `/api/v1/agenda/items/${item.id}?version=0`, undefined],
      ["POST", `/api/v1/agenda/items/${item.id}/move`, { position: -1, version: item.version }],
      ["POST", `/api/v1/agenda/items/${item.id}/move`, { position: "0", version: item.version }],
      ["POST", `/api/v1/agenda/items/${item.id}/current`, {}],
      ["POST", `/api/v1/agenda/items/${item.id}/transitions`, { to: "LATER", version: item.version }],
      ["POST", `/api/v1/conferences/${conferenceId}/agenda/next`, { currentId: 5 }],
    ];
    for (const [method, path, json] of tries) expect((await call("organizer", method, path, json)).status, `${method} ${path} ${JSON.stringify(json)}`).toBe(400);
    expect((await call("organizer", "GET", `/api/v1/agenda/items/${item.id}/move`)).status).toBe(405);
    expect((await call("organizer", "POST", `/api/v1/agenda/items/${item.id}/move`, { position: 0, version: item.version, sessionId: "no-such-session" })).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it("the page's edit and delete forms and the cross-session move work without JavaScript", async () => {
    const page = await fetch(`${app.url}/agenda`, { headers: { cookie: cookie.organizer! } }).then((r) => r.text());
    for (const id of ["agenda-edit-session", "agenda-delete-session", "agenda-edit-item", "agenda-up"]) expect(page, id).toContain(`data-testid="${id}"`);
    const session = await prisma().agendaSession.findUniqueOrThrow({ where: { id: s1 } });
    expect((await form("organizer", { intent: "editSession", sessionId: s1, version: String(session.version), title: "الجلسة الصباحية", day: "2026-12-10", startsAt: "08:30", endsAt: "11:00", room: "أ", chair: "نائب الرئيس" })).status).toBe(302);
    expect(await prisma().agendaSession.findUniqueOrThrow({ where: { id: s1 } })).toMatchObject({ title: "الجلسة الصباحية", startsAt: "08:30", chair: "نائب الرئيس" });
    const item = (await prisma().agendaItem.findFirstOrThrow({ where: { sessionId: s1 }, orderBy: { position: "asc" } }))!;
    expect((await form("committee", { intent: "editItem", itemId: item.id, version: String(item.version), kind: "FREE", title: "كلمة الافتتاح", refId: "", notes: "" })).status).toBe(302);
    const renamed = await prisma().agendaItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(renamed.title).toBe("كلمة الافتتاح");
    // A stale edit is refused and says so.
    const stale = await form("organizer", { intent: "editItem", itemId: item.id, version: String(item.version), kind: "FREE", title: "قديم", refId: "", notes: "" });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('data-reason="stale_version"');
    // The drag's form: another session, answered in place (the fetcher stays on the page) rather than redirected.
    const drag = await form("organizer", { intent: "move", via: "drag", itemId: item.id, version: String(renamed.version), sessionId: s2, position: "0" });
    expect(drag.status).toBe(200);
    expect(await prisma().agendaItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ sessionId: s2, position: 0 });
    const extra = (await call("organizer", "POST", `/api/v1/conferences/${conferenceId}/agenda/sessions`, { title: "تُحذف", day: "2026-12-13", startsAt: "09:00" })).body;
    expect((await form("organizer", { intent: "deleteSession", sessionId: extra.id, version: "1" })).status).toBe(302);
    expect(await prisma().agendaSession.count({ where: { id: extra.id } })).toBe(0);
  });

  it("delegates and observers cannot use the page's new forms, and bad input is a 400; nothing changes", async () => {
    const before = await snapshot();
    const session = before.sessions.find((s) => s.id === s1)!;
    const item = before.items[0]!;
    const edits: Record<string, string>[] = [
      { intent: "editSession", sessionId: s1, version: String(session.version), title: "x", day: "2026-12-10", startsAt: "09:00" },
      { intent: "deleteSession", sessionId: s1, version: String(session.version) },
      { intent: "editItem", itemId: item.id, version: String(item.version), kind: "FREE", title: "x" },
      { intent: "move", via: "drag", itemId: item.id, version: String(item.version), sessionId: s1, position: "0" },
    ];
    for (const who of ["delegate", "observer"]) for (const f of edits) expect([403, 404], `${who} ${f.intent}`).toContain((await form(who, f)).status);
    for (const f of [
      { ...edits[0]!, startsAt: "9am" },
      { ...edits[0]!, version: "x" },
      { ...edits[1]!, version: "" },
      { ...edits[2]!, title: "" },
      { ...edits[2]!, kind: "AMENDMENT" },
      { ...edits[3]!, position: "-1" },
    ]) {
      const r = await form("organizer", f);
      expect(r.status, JSON.stringify(f)).toBe(400);
      expect(r.html).toContain('data-testid="agenda-error"');
    }
    expect(await snapshot()).toEqual(before);
  });

  it("sessions move within their day and take its time slots in order, by API and no-JS form; wrong roles, bad input and stale versions change nothing", async () => {
    const day = "2026-12-20";
    const add = async (title: string, on: string, startsAt: string, endsAt?: string) =>
      (await call("organizer", "POST", `/api/v1/conferences/${conferenceId}/agenda/sessions`, { title, day: on, startsAt, ...(endsAt ? { endsAt } : {}) })).body.id as string;
    const morning = await add("الصباحية", day, "09:00", "10:30");
    const noon = await add("الظهيرة", day, "11:00", "12:00");
    const evening = await add("المسائية", day, "16:00", "18:00");
    const nextDay = await add("اليوم التالي", "2026-12-21", "08:00");
    const dayOrder = async () =>
      (await prisma().agendaSession.findMany({ where: { conferenceId, day: new Date(`${day}T00:00:00Z`) }, orderBy: [{ startsAt: "asc" }, { position: "asc" }] })).map((s) => [s.title, s.startsAt, s.endsAt]);
    const path = (id: string) => `/api/v1/agenda/sessions/${id}/move`;

    const before = await snapshot();
    for (const who of ["delegate", "observer"]) {
      const r = await call(who, "POST", path(evening), { position: 0, version: 1 });
      expect([403, 404], who).toContain(r.status);
      expect([403, 404], who).toContain((await form(who, { intent: "moveSession", sessionId: evening, version: "1", position: "0" })).status);
    }
    expect((await call(null, "POST", path(evening), { position: 0, version: 1 })).status).toBe(401);
    for (const json of [{ position: -1, version: 1 }, { position: "0", version: 1 }, { position: 0 }, { position: 0, version: 1, day }, "{nope"]) {
      expect((await call("organizer", "POST", path(evening), json)).status, JSON.stringify(json)).toBe(400);
    }
    expect((await form("organizer", { intent: "moveSession", sessionId: evening, version: "1", position: "x" })).status).toBe(400);
    expect((await call("organizer", "GET", path(evening))).status).toBe(405);
    expect((await call("organizer", "POST", path("no-such-session"), { position: 0, version: 1 })).status).toBe(404);
    expect(await snapshot()).toEqual(before);

    // The evening session to the front: it takes the morning's slot, the others shift to the next ones.
    const moved = await call("committee", "POST", path(evening), { position: 0, version: 1 });
    expect(moved.status).toBe(200);
    expect(MovedSessionSchema.parse(moved.body)).toEqual({ id: evening, day, position: 0, startsAt: "09:00", endsAt: "10:30", version: 2 });
    expect(await dayOrder()).toEqual([["المسائية", "09:00", "10:30"], ["الصباحية", "11:00", "12:00"], ["الظهيرة", "16:00", "18:00"]]);
    // The sessions it passed were retimed: their edits read before are stale now (and their calendar entries newer).
    expect((await prisma().agendaSession.findUniqueOrThrow({ where: { id: morning } })).version).toBe(2);
    expect((await call("organizer", "PUT", `/api/v1/agenda/sessions/${noon}`, { title: "الظهيرة", day, startsAt: "11:00", version: 1 })).status).toBe(409);
    const stale = await call("organizer", "POST", path(evening), { position: 2, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
    expect(await prisma().agendaSession.findUniqueOrThrow({ where: { id: nextDay } })).toMatchObject({ startsAt: "08:00", version: 1 });

    // Without JavaScript: the page offers earlier/later, and "later" on the first session swaps it with the second.
    const page = await fetch(`${app.url}/agenda`, { headers: { cookie: cookie.organizer! } }).then((r) => r.text());
    for (const id of ["agenda-session-up", "agenda-session-down"]) expect(page, id).toContain(`data-testid="${id}"`);
    expect((await form("organizer", { intent: "moveSession", sessionId: evening, version: "2", position: "1" })).status).toBe(302);
    expect(await dayOrder()).toEqual([["الصباحية", "09:00", "10:30"], ["المسائية", "11:00", "12:00"], ["الظهيرة", "16:00", "18:00"]]);
    // A drop (the fetcher) is answered in place.
    // Noon kept its slot through both moves (16:00–18:00), so its version is the one the first move gave it.
    expect((await prisma().agendaSession.findUniqueOrThrow({ where: { id: noon } })).version).toBe(2);
    const drag = await form("organizer", { intent: "moveSession", via: "drag", sessionId: noon, version: "2", position: "0" });
    expect(drag.status).toBe(200);
    expect(await dayOrder()).toEqual([["الظهيرة", "09:00", "10:30"], ["الصباحية", "11:00", "12:00"], ["المسائية", "16:00", "18:00"]]);
    expect(await prisma().auditEvent.count({ where: { action: "agenda.session.move" } })).toBe(3);
  });
});
