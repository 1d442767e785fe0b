// Every account, session, second-factor, backup and audit route (issue 16) tried as the wrong caller —
// anonymous, an API token on a page, another site, the wrong role, another member's ids — and with bad
// input (unknown intents, values out of bounds, oversized bodies, NUL characters), on the real server
// (production build) over HTTP. One row per (method, path, caller, body): the answer it must get, and
// after each row the rows the routes write (accounts, sessions, tokens, links, codes, conferences,
// memberships, the audit trail) are compared with what they were before it: a refusal changes nothing.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { generate } from "otplib";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { sha256 } from "~/domain/tokens.server";
import { completeAccountSetup, issueApiToken } from "~/domain/accounts.server";
import { addMember } from "~/domain/members.server";
import { actorFor } from "../helpers/actors.js";
import { sessionIdFromCookieHeader } from "~/session.server";
import { meStatus, newMember, postForm, signInAs } from "./helpers.js";

const EVIL = "https://evil.example";
const STRONG = "river-olive-lantern-qamishli";
/** Over the server's 1 MiB body limit. */
const HUGE = `name=${"a".repeat(1024 * 1024 + 10)}`;

type Caller = "anonymous" | "delegate" | "observer" | "committee" | "organizer" | "bearer" | "pending" | "victim";

interface Ctx {
  conferenceId: string;
  cookies: Record<Exclude<Caller, "anonymous" | "bearer">, string>;
  bearer: string;
  /** The victim's own sessions (stored ids) and API tokens (ids): one per row that reaches for them. */
  victimSessions: string[];
  victimRawSession: string; // the id the victim's cookie carries
  victimTokens: string[];
  revokedToken: string; // a token of the delegate's, already revoked
  welcome: { fresh: string; used: string; expired: string; disabled: string };
}

interface Row {
  /** Names a path that is made from the context. */
  about?: string;
  method: "GET" | "POST";
  path: string | ((c: Ctx) => string);
  as: Caller;
  /** A form (urlencoded), or a raw urlencoded body. */
  body?: Record<string, string> | string | ((c: Ctx) => Record<string, string>);
  headers?: Record<string, string>;
  status: number;
  location?: string | RegExp;
  /** Text the answer must show (a clear page, not a stack trace). */
  shows?: string | RegExp;
  /** The answer must not touch the browser's session cookie. */
  keepsCookie?: true;
  /** Audit actions the answer may record (a failed code is recorded as such). */
  audits?: string[];
}

const WRITE_ROUTES = ["/account/password", "/account/sessions", "/account/tokens", "/account/two-factor", "/members/security", "/backup/download"] as const;
const ORGANIZER_ONLY: [string, string][] = [
  ["GET", "/audit"],
  ["GET", "/audit.csv"],
  ["GET", "/backup"],
  ["POST", "/backup/download"],
  ["GET", "/members/security"],
  ["POST", "/members/security"],
];
const ORGANIZER_BODY: Record<string, Record<string, string>> = {
  "/backup/download": { passphrase: "a long enough passphrase", again: "a long enough passphrase" },
  "/members/security": { requireSecondFactor: "on" },
};
const bodyOf = (method: string, path: string) => (method === "POST" ? ORGANIZER_BODY[path] : undefined);
const toLogin = (path: string) => `/login?next=${encodeURIComponent(path)}`;

const rows: Row[] = [
  // Anonymous: every account page and every intent is sent to sign in, and comes back afterwards.
  ...["/account", "/account/password", "/account/password?changed=1", "/account/sessions", "/account/tokens", "/account/two-factor"].map(
    (path): Row => ({ method: "GET", path, as: "anonymous", status: 302, location: toLogin(path) }),
  ),
  ...(
    [
      ["/account/password", { current: "x", password: STRONG, again: STRONG }],
      ["/account/sessions", { intent: "end", sessionId: "x" }],
      ["/account/sessions", { intent: "end-others" }],
      ["/account/tokens", { intent: "create", name: "ci", scope: "WRITE" }],
      ["/account/tokens", { intent: "revoke", tokenId: "x" }],
      ["/account/two-factor", { intent: "confirm", code: "123456" }],
      ["/account/two-factor", { intent: "regenerate", code: "123456" }],
      ["/account/two-factor", { intent: "disable", code: "123456" }],
    ] as const
  ).map(([path, body]): Row => ({ method: "POST", path, as: "anonymous", body: { ...body }, status: 302, location: toLogin(path) })),
  ...ORGANIZER_ONLY.map(([method, path]): Row => ({ method: method as Row["method"], path, as: "anonymous", body: bodyOf(method, path), status: 302, location: toLogin(path) })),
  // The download is a POST: a GET of it goes to the page, which asks who is there.
  { method: "GET", path: "/backup/download", as: "anonymous", status: 302, location: "/backup" },

  // An API token is for the JSON API: on a page it is nobody.
  ...["/account", "/account/sessions", "/account/tokens", "/audit", "/backup"].map((path): Row => ({ method: "GET", path, as: "bearer", status: 302, location: toLogin(path) })),
  { method: "POST", path: "/account/tokens", as: "bearer", body: { intent: "create", name: "successor", scope: "WRITE" }, status: 302, location: toLogin("/account/tokens") },
  { method: "POST", path: "/account/sessions", as: "bearer", body: { intent: "end-others" }, status: 302 },
  { method: "POST", path: "/account/password", as: "bearer", body: { current: "x", password: STRONG, again: STRONG }, status: 302 },
  { method: "POST", path: "/members/security", as: "bearer", body: { requireSecondFactor: "on" }, status: 302 },
  { method: "POST", path: "/backup/download", as: "bearer", body: ORGANIZER_BODY["/backup/download"], status: 302 },

  // Password given, second factor not yet: the pending session is nobody on every page but /login/code.
  ...["/account", "/account/two-factor", "/audit", "/backup"].map((path): Row => ({ method: "GET", path, as: "pending", status: 302, location: toLogin(path) })),
  { method: "POST", path: "/account/two-factor", as: "pending", body: { intent: "disable", code: "123456" }, status: 302, location: toLogin("/account/two-factor") },
  { method: "POST", path: "/account/tokens", as: "pending", body: { intent: "create", name: "ci", scope: "WRITE" }, status: 302, location: toLogin("/account/tokens") },
  { method: "POST", path: "/account/sessions", as: "pending", body: { intent: "end-others" }, status: 302, location: toLogin("/account/sessions") },

  // A form posted from another site, with the right person's cookie: refused at the edge.
  ...WRITE_ROUTES.map((path): Row => ({ method: "POST", path, as: "organizer", headers: { origin: EVIL }, body: ORGANIZER_BODY[path] ?? { intent: "end-others" }, status: 403 })),

  // The wrong role on the organizers' pages.
  ...(["committee", "delegate", "observer"] as const).flatMap((as) =>
    ORGANIZER_ONLY.map(([method, path]): Row => ({ method: method as Row["method"], path, as, body: bodyOf(method, path), status: 403 })),
  ),

  // Another member's things (IDOR): not found, and theirs stay as they were.
  { method: "POST", path: "/account/sessions", as: "committee", body: (c) => ({ intent: "end", sessionId: c.victimSessions[0]! }), status: 404 },
  { method: "POST", path: "/account/sessions", as: "delegate", body: (c) => ({ intent: "end", sessionId: c.victimSessions[1]! }), status: 404 },
  { method: "POST", path: "/account/sessions", as: "committee", body: (c) => ({ intent: "end", sessionId: c.victimRawSession }), status: 404 },
  { method: "POST", path: "/account/tokens", as: "delegate", body: (c) => ({ intent: "revoke", tokenId: c.victimTokens[0]! }), status: 404 },
  { method: "POST", path: "/account/tokens", as: "organizer", body: (c) => ({ intent: "revoke", tokenId: c.victimTokens[1]! }), status: 404 },
  { method: "POST", path: "/account/tokens", as: "delegate", body: (c) => ({ intent: "revoke", tokenId: c.revokedToken }), status: 404 },

  // Bad input on the account forms: 400, never a 500.
  { method: "POST", path: "/account/sessions", as: "observer", body: { intent: "end-everything" }, status: 400 },
  { method: "POST", path: "/account/sessions", as: "observer", body: { intent: "end" }, status: 400 },
  { method: "POST", path: "/account/sessions", as: "observer", body: { intent: "end", sessionId: "x".repeat(129) }, status: 400 },
  { method: "POST", path: "/account/sessions", as: "observer", body: {}, status: 400 },
  { method: "POST", path: "/account/tokens", as: "observer", body: { intent: "create", name: "x".repeat(101), scope: "READ" }, status: 400 },
  { method: "POST", path: "/account/tokens", as: "observer", body: { intent: "create", name: "   ", scope: "READ" }, status: 400 },
  { method: "POST", path: "/account/tokens", as: "observer", body: { intent: "create", name: "ci", scope: "ADMIN" }, status: 400 },
  { method: "POST", path: "/account/tokens", as: "observer", body: { intent: "create", name: "ci", scope: "READ", days: "0" }, status: 400 },
  { method: "POST", path: "/account/tokens", as: "observer", body: { intent: "create", name: "ci", scope: "READ", days: "10000" }, status: 400 },
  { method: "POST", path: "/account/tokens", as: "observer", body: { intent: "create", name: "ci", scope: "READ", days: "soon" }, status: 400 },
  { method: "POST", path: "/account/tokens", as: "observer", body: { intent: "revoke", tokenId: "x".repeat(65) }, status: 400 },
  { method: "POST", path: "/account/tokens", as: "observer", body: { intent: "mint", name: "ci" }, status: 400 },
  { method: "POST", path: "/account/password", as: "observer", body: { current: "x", password: "y".repeat(1001), again: "y".repeat(1001) }, status: 400 },
  { method: "POST", path: "/account/password", as: "observer", body: { current: "x", again: STRONG }, status: 400 },
  { method: "POST", path: "/account/two-factor", as: "observer", body: { intent: "switch-off", code: "123456" }, status: 400 },
  { method: "POST", path: "/account/two-factor", as: "observer", body: { intent: "confirm", code: "1".repeat(13) }, status: 400 },
  { method: "POST", path: "/account/two-factor", as: "observer", body: { intent: "confirm" }, status: 400 },
  // Not enrolled: there is nothing to regenerate or turn off.
  { method: "POST", path: "/account/two-factor", as: "delegate", body: { intent: "regenerate", code: "123456" }, status: 400 },
  { method: "POST", path: "/account/two-factor", as: "delegate", body: { intent: "disable", code: "123456" }, status: 400 },
  { method: "POST", path: "/members/security", as: "organizer", body: { requireSecondFactor: "maybe" }, status: 400 },
  { method: "POST", path: "/members/security", as: "organizer", body: {}, status: 400 },
  { method: "POST", path: "/backup/download", as: "organizer", body: { passphrase: "x".repeat(2000), again: "x".repeat(2000) }, status: 303, location: "/backup?error=long" },

  // Oversized bodies (over the 1 MiB limit) and NUL characters, on every form: 413 and 400.
  ...[...WRITE_ROUTES, "/login/code", "/welcome/x"].map((path): Row => ({ method: "POST", path, as: path === "/login/code" ? "pending" : "organizer", body: HUGE, status: 413 })),
  ...(
    [
      ["/account/password", "current=x&password=a%00b&again=a%00b"],
      ["/account/sessions", "intent=end&sessionId=a%00b"],
      ["/account/tokens", "intent=create&scope=READ&name=ci%00"],
      ["/account/two-factor", "intent=confirm&code=123%00456"],
      ["/members/security", "requireSecondFactor=on%00"],
      ["/backup/download", `passphrase=${"p".repeat(20)}%00&again=${"p".repeat(20)}%00`],
    ] as const
  ).map(([path, body]): Row => ({ method: "POST", path, as: "organizer", body, status: 400 })),
  { about: "/welcome/<fresh link>", method: "POST", path: (c) => `/welcome/${c.welcome.fresh}`, as: "anonymous", body: `password=${STRONG}%00&confirm=${STRONG}%00`, status: 400 },
  { method: "POST", path: "/login/code", as: "pending", body: "code=123%00456", status: 400 },
  { method: "GET", path: "/welcome/abc%00def", as: "anonymous", status: 400 },

  // /login/code without a pending second-factor session: back to sign-in, never a 500.
  { method: "GET", path: "/login/code", as: "anonymous", status: 302, location: toLogin("/") },
  { method: "GET", path: "/login/code?next=/plans", as: "anonymous", status: 302, location: toLogin("/plans") },
  { method: "GET", path: "/login/code?next=//evil.example", as: "anonymous", status: 302, location: toLogin("/") },
  { method: "POST", path: "/login/code", as: "anonymous", body: { code: "123456", next: "/plans" }, status: 302, location: toLogin("/plans") },
  { method: "POST", path: "/login/code", as: "anonymous", body: { code: "1".repeat(5000) }, status: 302, location: toLogin("/") },
  { method: "POST", path: "/login/code", as: "anonymous", body: {}, status: 302, location: toLogin("/") },
  // A full session is no pending one: it has nothing to give a code for, and a link from anywhere to
  // this page must not sign it out (no cookie is cleared).
  { method: "GET", path: "/login/code?next=/plans", as: "observer", status: 302, location: "/plans", keepsCookie: true },
  { method: "POST", path: "/login/code", as: "observer", body: { code: "123456", next: "/plans" }, status: 302, location: "/plans", keepsCookie: true },
  // With a pending session, a code that cannot be one is a wrong code (counted, recorded), not a 500.
  { method: "POST", path: "/login/code", as: "pending", body: { code: "1".repeat(41) }, status: 401, audits: ["signin.codeFailure"] },
  { method: "POST", path: "/login/code", as: "pending", body: { code: "12345" }, status: 401, audits: ["signin.codeFailure"] },

  // /welcome/<token>: a clear page for a bad, used, expired or disabled account's link, GET and POST.
  ...(
    [
      ["fresh", null, null],
      ["bogus", 404, "هذا الرابط غير صالح."],
      ["used", 410, "استُخدم هذا الرابط من قبل."],
      ["expired", 410, "انتهت صلاحية هذا الرابط."],
      ["disabled", 404, "هذا الرابط غير صالح."],
      ["long", 404, "هذا الرابط غير صالح."],
      ["unicode", 404, "هذا الرابط غير صالح."],
    ] as const
  ).flatMap(([which, status, shows]): Row[] => {
    const path = (c: Ctx) =>
      which === "bogus"
        ? "/welcome/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        : which === "long"
          ? `/welcome/${"A".repeat(5000)}`
          : which === "unicode"
            ? `/welcome/${encodeURIComponent("رابط\u202e\u200f")}`
            : `/welcome/${c.welcome[which]}`;
    const about = `/welcome/<${which} link>`;
    if (which === "fresh") {
      // The good link, with bad passwords: refused, and the link stays unused.
      return [
        { about, method: "POST", path, as: "anonymous", body: { password: STRONG, confirm: `${STRONG}!` }, status: 400, shows: "كلمتا المرور غير متطابقتين." },
        { about, method: "POST", path, as: "anonymous", body: { password: "x".repeat(801), confirm: "x".repeat(801) }, status: 400, shows: "كلمة المرور طويلة" },
        { about, method: "POST", path, as: "anonymous", body: { password: "password1234", confirm: "password1234" }, status: 400 },
        { about, method: "POST", path, as: "anonymous", body: {}, status: 400 },
      ];
    }
    return [
      { about, method: "GET", path, as: "anonymous", status: status!, shows: shows! },
      { about, method: "POST", path, as: "anonymous", body: { password: STRONG, confirm: STRONG }, status: status!, shows: shows! },
      { about, method: "POST", path, as: "observer", body: { password: STRONG, confirm: STRONG }, status: status!, shows: shows! },
    ];
  }),
];

const label = (r: Row, i: number) => {
  const intent = r.body && typeof r.body === "object" && "intent" in r.body ? ` ${r.body.intent}` : "";
  return `${i + 1}. ${r.method} ${r.about ?? (typeof r.path === "string" ? r.path.slice(0, 60) : "?")}${intent} as ${r.as}${r.headers ? " from another site" : ""} → ${r.status}`;
};

describe("route guards of the account, session, second-factor, backup and audit routes", () => {
  let app: AppServer;
  const ctx = {} as Ctx;
  const prisma = () => app.running.services.prisma;

  /** What the routes under test write, in a stable order: equal before and after a refusal. */
  const snapshot = async (allowedAudits: string[] = []) => {
    const db = prisma();
    const [users, sessions, apiTokens, accountTokens, recoveryCodes, conferences, memberships, audit] = await Promise.all([
      db.user.findMany({ orderBy: { id: "asc" }, select: { id: true, email: true, name: true, passwordHash: true, passwordChangedAt: true, totpSecret: true, totpConfirmedAt: true, disabledAt: true, locale: true } }),
      // lastSeenAt moves on every use: not a write of the route's.
      db.session.findMany({ orderBy: { id: "asc" }, select: { id: true, userId: true, expiresAt: true, pendingSecondFactor: true } }),
      db.apiToken.findMany({ orderBy: { id: "asc" }, select: { id: true, userId: true, name: true, scope: true, expiresAt: true, revokedAt: true } }),
      db.accountToken.findMany({ orderBy: { id: "asc" }, select: { id: true, usedAt: true, expiresAt: true } }),
      db.recoveryCode.findMany({ orderBy: { id: "asc" }, select: { id: true, usedAt: true } }),
      db.conference.findMany({ orderBy: { id: "asc" }, select: { id: true, requireSecondFactor: true, updatedAt: true } }),
      db.membership.findMany({ orderBy: { id: "asc" }, select: { id: true, role: true, forceId: true } }),
      db.auditEvent.findMany({ orderBy: { id: "asc" }, where: { action: { notIn: allowedAudits } }, select: { id: true, action: true } }),
    ]);
    return { users, sessions, apiTokens, accountTokens, recoveryCodes, conferences, memberships, audit };
  };

  const storedId = async (cookie: string) => sha256((await sessionIdFromCookieHeader(app.running.services, cookie))!);

  beforeAll(async () => {
    app = await startAppServer();
    const db = prisma();
    ctx.conferenceId = (await db.conference.findFirstOrThrow()).id;
    const organizer = await newMember(db, ctx.conferenceId, "ORGANIZER");
    const members = {
      organizer,
      committee: await newMember(db, ctx.conferenceId, "COMMITTEE"),
      observer: await newMember(db, ctx.conferenceId, "OBSERVER"),
      delegate: await newMember(db, ctx.conferenceId, "DELEGATE"),
      victim: await newMember(db, ctx.conferenceId, "COMMITTEE"),
      pending: await newMember(db, ctx.conferenceId, "OBSERVER"),
    };
    const cookies = {} as Ctx["cookies"];
    for (const [who, m] of Object.entries(members)) cookies[who as keyof Ctx["cookies"]] = await signInAs(app.url, m.email);

    // The victim: live sessions and live API tokens of their own.
    ctx.victimRawSession = (await sessionIdFromCookieHeader(app.running.services, cookies.victim))!;
    ctx.victimSessions = [await storedId(cookies.victim), await storedId(await signInAs(app.url, members.victim.email))];
    ctx.victimTokens = [];
    for (const name of ["victim's script", "victim's other script"]) ctx.victimTokens.push((await issueApiToken(db, { userId: members.victim.id, name, scope: "WRITE" })).id);
    const revoked = await issueApiToken(db, { userId: members.delegate.id, name: "old" });
    await db.apiToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    ctx.revokedToken = revoked.id;
    ctx.bearer = (await issueApiToken(db, { userId: organizer.id, name: "organizer's script", scope: "WRITE" })).token;

    // A member with a second factor, signed in halfway: the pending session /login/code expects.
    const page = await (await fetch(`${app.url}/account/two-factor`, { headers: { cookie: cookies.pending } })).text();
    const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(page)![1]!;
    const confirmed = await postForm(app.url, "/account/two-factor", cookies.pending, { intent: "confirm", code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) }) });
    expect(confirmed.status).toBe(200);
    const half = await fetch(`${app.url}/login`, { method: "POST", body: new URLSearchParams({ email: members.pending.email, password: "tawafuq-demo", next: "/" }), redirect: "manual" });
    expect(half.headers.get("location")).toMatch(/^\/login\/code/);
    cookies.pending = half.headers.get("set-cookie")!.split(";")[0]!;
    expect(await meStatus(app.url, cookies.pending)).toBe(401);
    ctx.cookies = cookies;
    // The two-factor page keeps a key ready for enrolment from the first visit on: make that visit now, so
    // that the page shown after a refused code writes nothing.
    for (const who of ["organizer", "committee", "observer", "delegate"] as const) {
      expect((await fetch(`${app.url}/account/two-factor`, { headers: { cookie: cookies[who] } })).status).toBe(200);
    }

    // Password links: one fresh, one used, one expired, one of a disabled account.
    const link = async (name: string) =>
      (await addMember(db, await actorFor(db, organizer.id), { conferenceId: ctx.conferenceId, email: `${name}-${Date.now()}@example.org`, name, role: "OBSERVER" })).setupToken!;
    ctx.welcome = { fresh: await link("fresh"), used: await link("used"), expired: await link("expired"), disabled: await link("disabled") };
    await completeAccountSetup(db, ctx.welcome.used, STRONG);
    await db.accountToken.update({ where: { tokenHash: sha256(ctx.welcome.expired) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const disabled = await db.accountToken.findUniqueOrThrow({ where: { tokenHash: sha256(ctx.welcome.disabled) }, include: { user: { include: { memberships: true } } } });
    expect((await postForm(app.url, "/members", cookies.organizer, { intent: "disable", membershipId: disabled.user.memberships[0]!.id })).status).toBe(200);
  }, 120_000);
  afterAll(async () => app?.stop());

  it.each(rows.map((r, i) => [label(r, i), r] as const))("%s", async (_name, row) => {
    const path = typeof row.path === "string" ? row.path : row.path(ctx);
    const body = typeof row.body === "function" ? row.body(ctx) : row.body;
    const headers: Record<string, string> = { ...row.headers };
    if (row.as === "bearer") headers.authorization = `Bearer ${ctx.bearer}`;
    else if (row.as !== "anonymous") headers.cookie = ctx.cookies[row.as];
    if (typeof body === "string") headers["content-type"] = "application/x-www-form-urlencoded";

    const before = await snapshot(row.audits);
    const res = await fetch(`${app.url}${path}`, {
      method: row.method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : new URLSearchParams(body),
      redirect: "manual",
    });
    const text = await res.text();
    expect(res.status, `${res.headers.get("location")} ${text.slice(0, 300)}`).toBe(row.status);
    if (row.location !== undefined) {
      const location = res.headers.get("location");
      if (typeof row.location === "string") expect(location).toBe(row.location);
      else expect(location).toMatch(row.location);
    }
    if (row.shows !== undefined) expect(text).toContain(row.shows);
    if (row.keepsCookie) expect(res.headers.get("set-cookie")).toBeNull();
    expect(res.headers.get("content-disposition")).toBeNull(); // no backup, no CSV
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/); // no stack trace
    expect(await snapshot(row.audits)).toEqual(before);
  });

  it("the refused rows were refused for their caller: the same requests as their rightful caller succeed", async () => {
    const { cookies } = ctx;
    for (const path of ["/account", "/account/sessions", "/account/tokens", "/account/password"]) {
      const res = await fetch(`${app.url}${path}`, { headers: { cookie: cookies.delegate } });
      expect([path, res.status]).toEqual([path, 200]);
    }
    expect(await (await fetch(`${app.url}/account`, { headers: { cookie: cookies.delegate } })).text()).toContain('href="/account/sessions"');
    for (const path of ["/audit", "/audit.csv", "/backup", "/members/security"]) {
      const res = await fetch(`${app.url}${path}`, { headers: { cookie: cookies.organizer } });
      await res.arrayBuffer();
      expect([path, res.status]).toEqual([path, 200]);
    }
    expect((await postForm(app.url, "/members/security", cookies.organizer, { requireSecondFactor: "off" })).status).toBe(200);
    expect((await fetch(`${app.url}/login/code`, { headers: { cookie: cookies.pending }, redirect: "manual" })).status).toBe(200);
    expect((await fetch(`${app.url}/welcome/${ctx.welcome.fresh}`)).status).toBe(200);
    expect(await (await fetch(`${app.url}/backup?error=long`, { headers: { cookie: cookies.organizer } })).text()).toContain("عبارة المرور طويلة");
    // The victim's sessions and tokens are whole.
    expect(await meStatus(app.url, cookies.victim)).toBe(200);
    expect(await prisma().session.count({ where: { id: { in: ctx.victimSessions } } })).toBe(2);
    expect(await prisma().apiToken.count({ where: { id: { in: ctx.victimTokens }, revokedAt: null } })).toBe(2);
  });

  it("an organizer of another conference, asking for this one with ?conf=, acts on their own conference only", async () => {
    const db = prisma();
    const other = await db.conference.create({ data: { slug: `guards-${Date.now()}`, nameAr: "مؤتمر آخر", city: "حلب", requireSecondFactor: false } });
    const outsider = await newMember(db, other.id, "ORGANIZER");
    const cookie = await signInAs(app.url, outsider.email);
    const conf = `?conf=${ctx.conferenceId}`;
    const res = await fetch(`${app.url}/audit.csv${conf}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const csv = await res.text();
    const ours = await db.auditEvent.findFirstOrThrow({ where: { conferenceId: ctx.conferenceId }, orderBy: { id: "desc" } });
    expect(csv.split("\r\n").some((line) => line.startsWith(`${ours.id},`))).toBe(false);
    const backupsOfThis = () => db.auditEvent.count({ where: { action: "backup.create", subjectId: ctx.conferenceId } });
    const before = await backupsOfThis();
    const backup = await postForm(app.url, `/backup/download${conf}`, cookie, { passphrase: STRONG, again: STRONG });
    expect(backup.status).toBe(200);
    expect(await backupsOfThis()).toBe(before);
    expect(await db.auditEvent.count({ where: { action: "backup.create", subjectId: other.id } })).toBe(1);
    // Last: once their own conference asks for a second factor, the outsider is sent to enrol.
    const set = await fetch(`${app.url}/members/security${conf}`, { method: "POST", headers: { cookie }, body: new URLSearchParams({ requireSecondFactor: "on" }), redirect: "manual" });
    expect([200, 302]).toContain(set.status);
    expect((await db.conference.findUniqueOrThrow({ where: { id: ctx.conferenceId } })).requireSecondFactor).toBe(false);
    expect((await db.conference.findUniqueOrThrow({ where: { id: other.id } })).requireSecondFactor).toBe(true);
  });
});
