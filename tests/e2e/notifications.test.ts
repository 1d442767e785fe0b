// The bell, /notifications and its preferences over real HTTP against the built server (demo seed), on
// the embedded database and on PostgreSQL: the live count over socket.io when the committee reviews and
// decides the force's amendment, the count on every page, the list, mark read and mark all read and the
// preferences as plain forms (no JavaScript), the refusals (anonymous, no membership, another's notice,
// unknown kinds, channels and query parameters) changing nothing.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { io as ioClient, type Socket } from "socket.io-client";
import { backends, createPgDatabase } from "../helpers/db.js";
import { signIn } from "../helpers/server.js";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { postForm, PASSWORD } from "../security/helpers.js";
import { hashPassword } from "../../app/domain/accounts.server.js";
import { rooms } from "../../app/domain/rooms.js";

describe.each(backends)("notifications over HTTP on %s", (backend) => {
  let app: AppServer;
  let pg: Awaited<ReturnType<typeof createPgDatabase>> | undefined;
  const cookies: Record<string, string> = {};
  const sockets: Socket[] = [];
  const prisma = () => app.running.services.prisma;
  const userId = async (email: string) => (await prisma().user.findUniqueOrThrow({ where: { email } })).id;
  let amendmentId: string;

  beforeAll(async () => {
    pg = backend === "postgresql" ? await createPgDatabase() : undefined;
    app = await startAppServer(pg ? { DATABASE_URL: pg.url } : {});
    for (const who of ["delegate", "delegate2", "committee", "organizer"]) cookies[who] = await signIn(app.url, `${who}@example.org`);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await app?.stop();
    await pg?.drop();
  });

  const get = async (path: string, cookie: string | null) => {
    const res = await fetch(`${app.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    return { status: res.status, html: await res.text(), location: res.headers.get("location") };
  };
  const api = async (who: string, path: string, body: unknown) => {
    const res = await fetch(`${app.url}/api/v1${path}`, { method: "POST", headers: { cookie: cookies[who]!, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return (await res.json()) as any;
  };
  async function listen(who: string) {
    const socket = ioClient(app.url, { path: "/socket.io", transports: ["websocket"], extraHeaders: { cookie: cookies[who]! }, reconnection: false, forceNew: true });
    sockets.push(socket);
    const got: { event: string; payload: any }[] = [];
    for (const e of ["notification.new", "probe"]) socket.on(e, (payload) => got.push({ event: e, payload }));
    await new Promise<void>((resolve, reject) => {
      socket.on("connect_error", reject);
      socket.on("connect", () => resolve());
    });
    return got;
  }
  const until = async (check: () => boolean) => {
    const deadline = Date.now() + 20_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error("timed out waiting for a live event");
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const unreadOf = (html: string) => Number(/data-testid="bell"[^>]*data-unread="(\d+)"|data-unread="(\d+)"[^>]*data-testid="bell"/.exec(html)?.slice(1).find(Boolean));

  it("the delegate's open page hears the new count when the committee reviews and decides the force's amendment; the other force's hears nothing", async () => {
    // No subscription: every socket is in its account's room from the start.
    const delegate = await listen("delegate");
    const otherForce = await listen("delegate2");
    const paper = await prisma().paper.findFirstOrThrow();
    const created = await api("delegate", `/papers/${paper.id}/amendments`, { type: "INSERT", start: 60, end: 70, proposedText: "نص مضاف" });
    amendmentId = created.amendment.id;
    await api("delegate", `/amendments/${amendmentId}/transitions`, { to: "SUBMITTED" });
    // Recommending a submitted amendment takes it under review: the force hears that (not the recommendation).
    await api("committee", `/amendments/${amendmentId}/recommendation`, { recommendation: "REJECT", note: "ملاحظة اللجنة" });
    await until(() => delegate.some((g) => g.event === "notification.new" && g.payload.unread === 1));
    await api("committee", `/amendments/${amendmentId}/transitions`, { to: "REJECTED", note: "سبب القرار" });
    await until(() => delegate.some((g) => g.event === "notification.new" && g.payload.unread === 2));
    expect(delegate.filter((g) => g.event === "notification.new").map((g) => g.payload)).toEqual([{ unread: 1 }, { unread: 2 }]);
    // A probe to the other delegate's own room after the decision: once it arrives, nothing else came before.
    app.running.services.realtime.emit(rooms.user(await userId("delegate2@example.org")), "probe", { after: amendmentId });
    await until(() => otherForce.some((g) => g.event === "probe"));
    expect(otherForce).toEqual([{ event: "probe", payload: { after: amendmentId } }]);
    // The delegate's default for amendment changes is mail now: two mails in the outbox, in Arabic.
    const mails = await prisma().outboxMail.findMany({ where: { userId: await userId("delegate@example.org"), kind: "notification" } });
    expect(mails).toHaveLength(2);
    expect(mails.map((m) => m.text).join("\n")).not.toMatch(/ملاحظة اللجنة|سبب القرار/);
  });

  it("the bell shows the count on every page; anonymous visitors have none", async () => {
    for (const path of ["/", "/amendments", "/paper"]) {
      const page = await get(path, cookies.delegate!);
      expect([path, page.status]).toEqual([path, 200]);
      expect(unreadOf(page.html)).toBe(2);
      expect(page.html).toContain('aria-label="الإشعارات، غير المقروءة: 2"');
      expect(page.html).toContain('href="/notifications"');
    }
    expect(unreadOf((await get("/", cookies.delegate2!)).html)).toBe(0);
    expect((await get("/login", null)).html).not.toContain('data-testid="bell"');
  });

  it("the list, newest first, in the reader's language, with links; mark read and mark all read as plain forms", async () => {
    const list = await get("/notifications", cookies.delegate!);
    expect(list.status).toBe(200);
    const ids = [...list.html.matchAll(/data-testid="notification" data-id="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(2);
    expect(list.html).toContain("قرار اللجنة في تعديل حزب الأفق الديمقراطي على");
    expect(list.html).toContain(`href="/amendments/${amendmentId}"`);
    expect(list.html.indexOf("قرار اللجنة")).toBeLessThan(list.html.indexOf("قيد المراجعة"));
    expect(list.html.match(/data-read="false"/g)).toHaveLength(2);

    // Another's notice, a malformed id, an unknown intent: refused, nothing read.
    const committeeNotice = await prisma().notification.findFirstOrThrow({ where: { userId: await userId("committee@example.org") } });
    expect((await postForm(app.url, "/notifications?index", cookies.delegate!, { intent: "read", id: committeeNotice.id })).status).toBe(404);
    expect((await postForm(app.url, "/notifications?index", cookies.delegate!, { intent: "read", id: "<script>" })).status).toBe(400);
    expect((await postForm(app.url, "/notifications?index", cookies.delegate!, { intent: "shout" })).status).toBe(400);
    expect(await prisma().notification.count({ where: { readAt: { not: null } } })).toBe(0);

    const one = await postForm(app.url, "/notifications?index", cookies.delegate!, { intent: "read", id: ids[0]! });
    expect(one.status).toBe(302);
    const after = await get("/notifications?done=read", cookies.delegate!);
    expect(after.html).toContain("عُلِّم الإشعار مقروءاً.");
    expect(unreadOf(after.html)).toBe(1);
    expect((await prisma().notification.findUniqueOrThrow({ where: { id: ids[0]! } })).readAt).not.toBeNull();

    const all = await postForm(app.url, "/notifications?index", cookies.delegate!, { intent: "read-all" });
    expect([all.status, (await get("/notifications", cookies.delegate!)).status]).toEqual([302, 200]);
    expect(unreadOf((await get("/", cookies.delegate!)).html)).toBe(0);
    // The committee's notices are still unread.
    expect((await prisma().notification.findUniqueOrThrow({ where: { id: committeeNotice.id } })).readAt).toBeNull();
  });

  it("preferences: the member's kinds with their channels; saved as a plain form; unknown kinds or channels refused whole", async () => {
    const page = await get("/notifications/preferences", cookies.delegate!);
    expect(page.status).toBe(200);
    expect(page.html).toContain('name="amendment.changed"');
    // A delegate receives no submissions digest: not offered.
    expect(page.html).not.toContain('name="amendment.submitted"');
    const delegateId = await userId("delegate@example.org");
    const prefs = () => prisma().notificationPreference.findMany({ where: { userId: delegateId }, select: { kind: true, channel: true }, orderBy: { kind: "asc" } });

    for (const fields of [{ "amendment.changed": "OFF", "amendment.nonsense": "MAIL" }, { "amendment.changed": "LOUD" }] as Record<string, string>[]) {
      const r = await postForm(app.url, "/notifications/preferences", cookies.delegate!, fields);
      expect([fields, r.status]).toEqual([fields, 400]);
      expect(r.html).toContain("اختيار غير صالح؛ لم يُحفظ شيء.");
    }
    expect(await prefs()).toEqual([]);

    const saved = await postForm(app.url, "/notifications/preferences", cookies.delegate!, { "amendment.changed": "DIGEST", "amendment.comment": "MAIL", "decisions.published": "IN_APP" });
    expect(saved.status).toBe(302);
    expect((await get("/notifications/preferences?saved=1", cookies.delegate!)).html).toContain("حُفظت تفضيلاتك.");
    expect(await prefs()).toEqual([
      { kind: "amendment.changed", channel: "DIGEST" },
      { kind: "amendment.comment", channel: "MAIL" },
    ]);
    expect(await prisma().auditEvent.count({ where: { action: "notifications.preferences", actorId: delegateId } })).toBe(1);
  });

  it("anonymous → /login; an account with no membership → 403; unknown query parameters → 400", async () => {
    for (const path of ["/notifications", "/notifications/preferences"]) {
      const anon = await get(path, null);
      expect([path, anon.status, anon.location?.startsWith("/login")]).toEqual([path, 302, true]);
    }
    for (const [path, fields] of [
      ["/notifications?index", { intent: "read-all" }],
      ["/notifications/preferences", { "amendment.changed": "OFF" }],
    ] as const) {
      const r = await postForm(app.url, path, null, fields);
      expect([path, r.status]).toEqual([path, 302]);
    }
    const email = `nomember-${Date.now()}@example.org`;
    await prisma().user.create({ data: { email, name: "بلا عضوية", passwordHash: await hashPassword(PASSWORD) } });
    const outsider = await signIn(app.url, email);
    expect((await get("/notifications", outsider)).status).toBe(403);
    expect((await postForm(app.url, "/notifications/preferences", outsider, { "amendment.changed": "OFF" })).status).toBe(403);
    expect(await prisma().notificationPreference.count({ where: { user: { email } } })).toBe(0);

    for (const path of ["/notifications?foo=1", "/notifications?page=0", "/notifications?page=abc", "/notifications/preferences?saved=2", "/notifications/preferences?x=1"]) {
      expect([path, (await get(path, cookies.delegate!)).status]).toEqual([path, 400]);
    }
  });
});
