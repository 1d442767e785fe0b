// The conference day's remaining pages and API over real HTTP against the built server and the demo seed
// (ADR 0058): the voting mode (/votes form, /api/v1/…/voting-mode), naming a force's voting delegate (the
// invitation page, /api/v1/…/voting-delegate), a vote's record as CSV (/votes/:id.csv, /api/v1/votes/:id/
// ballots.csv), and a delegate's own check-in code with its QR on their invitation page and in the outbox.
// Each tried anonymously, as the wrong role and with bad input: a clear 4xx and nothing changed.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { postForm, signInAs } from "../security/helpers.js";
import { backends, createPgDatabase } from "../helpers/db.js";

describe.each(backends)("votes UI and own check-in codes over HTTP on %s", (backend) => {
  let app: AppServer;
  let pg: Awaited<ReturnType<typeof createPgDatabase>> | undefined;
  let conferenceId: string;
  let horizon: { id: string; forceId: string };
  let salma: string;
  const who: Record<string, string> = {};
  const prisma = () => app.running.services.prisma;
  const call = async (path: string, cookie: string | null, init: RequestInit & { json?: unknown } = {}) => {
    const headers: Record<string, string> = { ...(cookie ? { cookie } : {}), ...(init.json !== undefined ? { "content-type": "application/json" } : {}) };
    const res = await fetch(`${app.url}${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body, redirect: "manual" });
    const type = res.headers.get("content-type") ?? "";
    return { status: res.status, body: type.includes("json") ? await res.json() : await res.text(), headers: res.headers };
  };
  const put = (path: string, cookie: string | null, json: unknown) => call(path, cookie, { method: "PUT", json });
  const post = (path: string, cookie: string | null, json: unknown) => call(path, cookie, { method: "POST", json });
  const votingMode = async () => (await prisma().conference.findUniqueOrThrow({ where: { id: conferenceId } })).votingMode;

  beforeAll(async () => {
    if (backend === "postgresql") pg = await createPgDatabase();
    app = await startAppServer(pg ? { DATABASE_URL: pg.url } : {});
    conferenceId = (await prisma().conference.findFirstOrThrow()).id;
    for (const w of ["organizer", "committee", "delegate", "delegate2", "observer"]) who[w] = await signInAs(app.url, `${w}@example.org`);
    horizon = await prisma().invitation.findFirstOrThrow({ where: { conferenceId, force: { nameEn: "Democratic Horizon Party" } }, select: { id: true, forceId: true } });
    salma = (await prisma().delegationMember.create({ data: { invitationId: horizon.id, name: "سلمى يوسف" } })).id;
  }, 240_000);
  afterAll(async () => {
    await app?.stop();
    await pg?.drop();
  });

  it("the voting mode: every member reads it; only organizers set it, on /votes and in the API; bad input is refused", async () => {
    const path = `/api/v1/conferences/${conferenceId}/voting-mode`;
    expect((await call(path, null)).status).toBe(401);
    expect((await call(path, who.delegate!)).body).toEqual({ votingMode: "ANY_PRESENT_DELEGATE" });
    for (const w of ["committee", "delegate", "observer"]) expect((await put(path, who[w]!, { votingMode: "VOTING_DELEGATE" })).status).toBe(403);
    expect((await put(path, who.organizer!, { votingMode: "EVERYONE" })).status).toBe(400);
    expect((await put(path, who.organizer!, { votingMode: "VOTING_DELEGATE", extra: 1 })).status).toBe(400);
    expect((await call(path, who.organizer!, { method: "PUT", body: "{nope", headers: { "content-type": "application/json" } })).status).toBe(400);
    expect((await post(path, who.organizer!, { votingMode: "VOTING_DELEGATE" })).status).toBe(405);
    expect(await votingMode()).toBe("ANY_PRESENT_DELEGATE");
    expect((await put(path, who.organizer!, { votingMode: "VOTING_DELEGATE" })).body).toEqual({ votingMode: "VOTING_DELEGATE" });

    // The page: organizers get the form, others read the mode.
    const page = (await call("/votes", who.organizer!)).body as string;
    expect(page).toContain('data-testid="voting-mode-form"');
    expect(page).toContain("المندوب المخوَّل بالتصويت فقط");
    const asCommittee = (await call("/votes", who.committee!)).body as string;
    expect(asCommittee).not.toContain('data-testid="voting-mode-form"');
    expect(asCommittee).toContain('data-testid="voting-mode"');
    for (const w of ["committee", "delegate"]) expect((await postForm(app.url, "/votes", who[w]!, { intent: "votingMode", votingMode: "ANY_PRESENT_DELEGATE" })).status).toBe(403);
    expect((await postForm(app.url, "/votes", who.organizer!, { intent: "votingMode", votingMode: "bogus" })).status).toBe(400);
    expect((await postForm(app.url, "/votes", null, { intent: "votingMode", votingMode: "ANY_PRESENT_DELEGATE" })).status).toBe(302);
    expect(await votingMode()).toBe("VOTING_DELEGATE");
    const done = await postForm(app.url, "/votes", who.organizer!, { intent: "votingMode", votingMode: "ANY_PRESENT_DELEGATE" });
    expect(done.status).toBe(302);
    expect(await votingMode()).toBe("ANY_PRESENT_DELEGATE");
  });

  it("organizers name the force's voting delegate on the invitation page and in the API; others and bad input change nothing", async () => {
    const delegate = await prisma().user.findUniqueOrThrow({ where: { email: "delegate@example.org" } });
    const path = (member: string) => `/api/v1/invitations/${horizon.id}/delegates/${member}/voting-delegate`;
    const named = () => prisma().delegationMember.count({ where: { invitationId: horizon.id, isVotingDelegate: true } });
    const before = await named();
    expect((await put(path(salma), null, { userId: null })).status).toBe(401);
    for (const w of ["committee", "delegate", "observer"]) expect((await put(path(salma), who[w]!, { userId: delegate.id })).status).toBe(403);
    expect((await put(path(salma), who.organizer!, { userId: 5 })).status).toBe(400);
    expect((await put(path(salma), who.organizer!, {})).status).toBe(400);
    const notForce = await put(path(salma), who.organizer!, { userId: (await prisma().user.findUniqueOrThrow({ where: { email: "observer@example.org" } })).id });
    expect(notForce.status).toBe(400);
    expect(notForce.body.error.details.reason).toBe("not_force_delegate");
    expect((await put(path("nope"), who.organizer!, { userId: null })).status).toBe(404);
    const other = await prisma().delegationMember.findFirst({ where: { invitation: { conferenceId, NOT: { id: horizon.id } } } });
    if (other) expect((await put(path(other.id), who.organizer!, { userId: null })).status).toBe(404);
    expect(await named()).toBe(before);

    // The page: the form for organizers only; a delegate's post is refused.
    expect((await call(`/invitations/${horizon.id}`, who.organizer!)).body).toContain('data-testid="voting-delegate-form"');
    expect((await call(`/invitations/${horizon.id}`, who.delegate!)).body).not.toContain('data-testid="voting-delegate-form"');
    expect((await postForm(app.url, `/invitations/${horizon.id}`, who.delegate!, { intent: "votingDelegate", memberId: salma, userId: delegate.id })).status).toBe(403);
    expect((await postForm(app.url, `/invitations/${horizon.id}`, who.organizer!, { intent: "votingDelegate", memberId: "", userId: "" })).status).toBe(400);
    expect(await named()).toBe(before);
    const ok = await postForm(app.url, `/invitations/${horizon.id}`, who.organizer!, { intent: "votingDelegate", memberId: salma, userId: delegate.id });
    expect(ok.status).toBe(200);
    expect(await prisma().delegationMember.findUniqueOrThrow({ where: { id: salma } })).toMatchObject({ isVotingDelegate: true, userId: delegate.id });
    expect((await call(`/invitations/${horizon.id}`, who.delegate!)).body).toContain('data-testid="voting-delegate-mark"');
    const api = await put(path(salma), who.organizer!, { userId: null });
    expect(api.status).toBe(200);
    expect(api.body).toEqual({ memberId: salma, userId: null });
  });

  it("a delegate sees their own check-in code and its QR on their invitation page, and it is in their mail once", async () => {
    // Salma's contact is the delegate's address: the code, the QR and the mail are theirs.
    const inv = await prisma().invitation.findUniqueOrThrow({ where: { id: horizon.id } });
    const member = await put(`/api/v1/invitations/${horizon.id}/delegates/${salma}`, who.delegate!, { version: inv.version, name: "سلمى يوسف", contact: "+963 944 111 222, Delegate@Example.org" });
    expect(member.status).toBe(200);
    const code = (await prisma().delegationMember.findUniqueOrThrow({ where: { id: salma } })).checkInCode!;
    expect(code).toMatch(/^[0-9A-Z]{10}$/);
    const printed = `${code.slice(0, 5)}-${code.slice(5)}`;
    const own = (await call(`/invitations/${horizon.id}`, who.delegate!)).body as string;
    expect(own).toContain('data-testid="own-code"');
    expect(own).toContain(printed);
    expect(own).toMatch(/data-testid="own-code"[\s\S]*<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    // Another delegate of the force, and the organizers, do not see it as theirs.
    expect((await call(`/invitations/${horizon.id}`, who.organizer!)).body).not.toContain('data-testid="own-code"');
    const mails = await prisma().outboxMail.findMany({ where: { kind: "checkin.code", subjectId: salma } });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ toAddress: "delegate@example.org", dedupeKey: `checkin-code:${salma}:${code}` });
    expect(mails[0]!.text).toContain(printed);
    // Issuing codes again mails nobody twice; the organizers' outbox offers the QR as a PNG.
    expect((await post(`/api/v1/conferences/${conferenceId}/attendance/codes`, who.organizer!, {})).status).toBe(200);
    expect(await prisma().outboxMail.count({ where: { kind: "checkin.code", subjectId: salma } })).toBe(1);
    const png = await fetch(`${app.url}/mail/${mails[0]!.id}/attachments/0`, { headers: { cookie: who.organizer! } });
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe("PNG");
    // The mail's page shows the QR inline, from the mail's own attachment; whoever may not read the mail gets neither.
    const reader = (await call(`/mail/${mails[0]!.id}`, who.organizer!)).body as string;
    expect(reader).toContain(`<img src="/mail/${mails[0]!.id}/attachments/0" alt="${printed}" width="240" height="240"`);
    for (const w of ["delegate", "committee"]) {
      expect((await call(`/mail/${mails[0]!.id}`, who[w]!)).status).toBe(403);
      expect((await call(`/mail/${mails[0]!.id}/attachments/0`, who[w]!)).status).toBe(403);
    }
  });

  it("a vote's record as CSV: the chair's before publication, everyone's after; secret votes only their tally", async () => {
    await post(`/api/v1/conferences/${conferenceId}/attendance`, who.organizer!, { memberId: salma });
    const run = async (secret: boolean) => {
      const id = (await post(`/api/v1/conferences/${conferenceId}/votes`, who.committee!, { subject: "QUESTION", question: "هل نعتمد جدول الأعمال؟", secret })).body.id as string;
      expect((await post(`/api/v1/votes/${id}/ballots`, who.delegate!, { option: "YES" })).status).toBe(201);
      expect((await post(`/api/v1/votes/${id}/close`, who.committee!, {})).status).toBe(200);
      return id;
    };
    const id = await run(false);
    const csv = (path: string, cookie: string | null) => call(path, cookie);
    expect((await csv(`/api/v1/votes/${id}/ballots.csv`, null)).status).toBe(401);
    for (const w of ["delegate", "observer"]) {
      const early = await csv(`/api/v1/votes/${id}/ballots.csv`, who[w]!);
      expect(early.status).toBe(403);
      expect(early.body.error.details.reason).toBe("not_published");
      expect((await csv(`/votes/${id}.csv`, who[w]!)).status).toBe(403);
    }
    expect((await csv("/api/v1/votes/nope/ballots.csv", who.organizer!)).status).toBe(404);
    expect((await csv(`/api/v1/votes/${id}/ballots.csv`, who.organizer!)).status).toBe(200);
    expect((await post(`/api/v1/votes/${id}/publish`, who.committee!, {})).status).toBe(200);
    const file = await csv(`/api/v1/votes/${id}/ballots.csv`, who.delegate2!);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="vote-/);
    const raw = Buffer.from(await (await fetch(`${app.url}/votes/${id}.csv`, { headers: { cookie: who.observer! } })).arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString("utf8");
    expect(text).toContain("حزب الأفق الديمقراطي,نعم,");
    expect(text).toContain("هل نعتمد جدول الأعمال؟");
    // The /votes page links the record for those who see the result.
    expect((await call("/votes", who.delegate2!)).body).toContain(`href="/votes/${id}.csv"`);

    const secret = await run(true);
    await post(`/api/v1/votes/${secret}/publish`, who.committee!, {});
    const tally = (await csv(`/api/v1/votes/${secret}/ballots.csv`, who.committee!)).body as string;
    expect(tally).toMatch(/نعم,1/);
    expect(tally).not.toContain("حزب الأفق الديمقراطي");
    expect((await post(`/api/v1/votes/${secret}/ballots.csv`, who.organizer!, {})).status).toBe(405);
  });
});
