// The audit trail (issue 17, ADR 0032) on real PGlite and PostgreSQL: concurrent writers chain in id
// order, the table refuses UPDATE, DELETE and TRUNCATE, tampering behind the triggers is found, and
// outreach, plan and account writes are recorded with their actor, conference and IP.
import { describe, it, expect } from "vitest";
import { backends, type TestDb } from "../helpers/db.js";
import { withDemoWorld, type DemoWorld } from "../helpers/coordination.js";
import { auditContent, auditHash, recordAudit, verifyAuditChain } from "~/domain/audit.server";
import { createOutreach, updateOutreach } from "~/domain/outreach.server";
import { createPlanItem, setPlanStatus, updatePlanItem } from "~/domain/plans.server";
import { addMember, setRole } from "~/domain/members.server";
import { newRecoveryCodes, spendRecoveryCode } from "~/domain/second-factor.server";
import { createRepresentation, deleteRepresentation, updateRepresentation } from "~/domain/representations.server";
import { createForce, setForceArchived, updateForce } from "~/domain/forces.server";
import { restoreVersion, saveVersion } from "~/domain/papers.server";
import { addDelegationMember, bulkTransition, createInvitation, removeDelegationMember, transitionInvitation, updateDelegationMember, updateTerms } from "~/domain/invitations.server";
import { addComment, createAmendment, discardDraft, recommend, reanchor, transition, updateDraft } from "~/domain/amendments.server";
import { makeWorld } from "../helpers/amendments-world.js";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { openDatabase } from "../../server/db/client.js";
import { applyMigrations, listMigrations, migrationsDir } from "../../server/db/migrate.js";

const clock = { now: new Date("2026-12-10T06:00:00Z"), timeZone: "Asia/Damascus" };

describe.each(backends)("audit trail on %s", (backend) => {
  let db: TestDb;
  let w: DemoWorld;
  withDemoWorld(backend, (d, world) => void ((db = d), (w = world)));

  /** Runs `sql` with every trigger of the session off, as someone with the database's keys could. */
  async function behindTriggers(sql: string, params: unknown[] = []) {
    await db.sql.transaction(async (tx) => {
      await tx.query(`SET LOCAL session_replication_role = replica`);
      await tx.query(sql, params);
    });
  }

  it("chains rows written at once by many writers, in id order, and the chain verifies", async () => {
    const before = await db.prisma.auditEvent.count();
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        i % 3 === 0
          ? db.prisma.$transaction(async (tx) => {
              await recordAudit(tx, { actorId: w.actors.organizer.id, action: "test.pair", subjectType: "Test", subjectId: `p${i}`, conferenceId: w.conferenceId });
              await recordAudit(tx, { actorId: w.actors.organizer.id, action: "test.pair", subjectType: "Test", subjectId: `q${i}`, data: { n: i, ar: "نص \"مقتبس\"\n", z: [1, 2.5, null], a: { y: true, b: "x" } } });
            })
          : i % 3 === 1
            ? recordAudit(db.prisma, { actorId: null, action: "test.one", subjectType: "Test", subjectId: `o${i}`, ip: "203.0.113.9" })
            : // A writer that does not go through recordAudit is chained all the same.
              db.prisma.$executeRawUnsafe(`INSERT INTO "AuditEvent" ("action", "subjectType", "data") VALUES ('test.raw', 'Test', $1::jsonb)`, JSON.stringify({ i, k: "v" })),
      ),
    );
    const rows = await db.prisma.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(rows.length).toBe(before + 32);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash, `row ${rows[i]!.id}`).toBe(rows[i - 1]!.hash);
    expect(rows[0]!.prevHash).toBeNull();
    expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
    const report = await verifyAuditChain(db.prisma, 7);
    expect(report).toEqual({ ok: true, count: rows.length, head: rows.at(-1)!.hash });
  });

  it("computes in TypeScript the hash the database computed", async () => {
    await recordAudit(db.prisma, { actorId: "u1", action: "test.known", subjectType: "Test", subjectId: "s", data: { b: 1, a: "ب" }, ip: "::1", conferenceId: "c" });
    const [row] = await db.sql.query(`SELECT "prevHash", "hash", to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM "AuditEvent" ORDER BY id DESC LIMIT 1`);
    const content = auditContent({ actorId: "u1", action: "test.known", subjectType: "Test", subjectId: "s", dataText: `{"a": "ب", "b": 1}`, ip: "::1", conferenceId: "c", at: row.at });
    expect(row.hash).toBe(auditHash(row.prevHash, content));
  });

  it("records outreach and plan writes with actor, conference, IP and the changed fields", async () => {
    const meta = { ip: "198.51.100.7" };
    const e = await createOutreach(db.prisma, w.actors.committee, w.conferenceId, { occurredOn: "2026-12-09", channel: "CALL", participants: "أ", summary: "اتصال", forceId: w.force("Green Valley Tribe") }, clock, meta);
    await updateOutreach(db.prisma, w.actors.committee, e.id, { occurredOn: "2026-12-09", channel: "CALL", participants: "أ", summary: "اتصال هاتفي", forceId: w.force("Green Valley Tribe") }, clock, meta);
    const p = await createPlanItem(db.prisma, w.actors.organizer, w.conferenceId, { horizon: "SHORT", goal: "هدف" }, clock, meta);
    await updatePlanItem(db.prisma, w.actors.organizer, p.id, { horizon: "MEDIUM", goal: "هدف" }, clock, meta);
    await setPlanStatus(db.prisma, w.actors.organizer, p.id, "DONE", clock, meta);
    const events = await db.prisma.auditEvent.findMany({ where: { subjectId: { in: [e.id, p.id] } }, orderBy: { id: "asc" } });
    expect(events.map((x) => x.action)).toEqual(["outreach.create", "outreach.update", "plan.create", "plan.update", "plan.status"]);
    for (const x of events) expect(x).toMatchObject({ ip: "198.51.100.7", conferenceId: w.conferenceId });
    expect(events[0]!.actorId).toBe(w.actors.committee.id);
    expect(events[1]!.data).toEqual({ changed: ["summary"] });
    expect(events[3]!.data).toEqual({ changed: ["horizon"] });
    expect(events[4]!.data).toEqual({ from: "PLANNED", to: "DONE" });
  });

  it("records member changes for the conference and a recovery code's use for the account, with the IP, never the code", async () => {
    const meta = { ip: "192.0.2.44" };
    const { membership } = await addMember(db.prisma, w.actors.organizer, { conferenceId: w.conferenceId, email: `m-${backend}@example.org`, name: "عضو", role: "OBSERVER" }, meta);
    await setRole(db.prisma, w.actors.organizer, { conferenceId: w.conferenceId, membershipId: membership.id, role: "COMMITTEE" }, meta);
    const [code] = await newRecoveryCodes(db.prisma, membership.userId);
    expect(await spendRecoveryCode(db.prisma, membership.userId, code!, meta)).toBe(true);
    const events = await db.prisma.auditEvent.findMany({ where: { OR: [{ subjectId: membership.id }, { subjectId: membership.userId, action: { startsWith: "secondFactor." } }] }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.conferenceId, e.ip])).toEqual([
      ["member.add", w.conferenceId, meta.ip],
      ["member.role", w.conferenceId, meta.ip],
      ["secondFactor.recoveryCodeUse", null, meta.ip],
    ]);
    expect(events[1]!.data).toMatchObject({ from: "OBSERVER", to: "COMMITTEE" });
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain(code!.slice(0, 5));
  });

  it("records representation writes with actor, conference and IP, never the people they name", async () => {
    const meta = { ip: "198.51.100.11" };
    const o = w.actors.organizer;
    const r = await createRepresentation(db.prisma, o, w.conferenceId, { country: `بلد ${backend}`, area: "EUROPE", representatives: "سلمى الممثلة" }, meta);
    await updateRepresentation(db.prisma, o, r.id, { country: `بلد ${backend}`, area: "EUROPE", representatives: "سلمى الممثلة", city: "برلين" }, meta);
    await deleteRepresentation(db.prisma, o, r.id, meta);
    const events = await db.prisma.auditEvent.findMany({ where: { subjectId: r.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.actorId, e.ip, e.conferenceId])).toEqual([
      ["representation.create", o.id, meta.ip, w.conferenceId],
      ["representation.update", o.id, meta.ip, w.conferenceId],
      ["representation.delete", o.id, meta.ip, w.conferenceId],
    ]);
    expect(events[1]!.data).toEqual({ changed: ["city"] });
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain("سلمى");
  });

  it("records force writes and paper versions with actor, conference and IP", async () => {
    const meta = { ip: "198.51.100.14" };
    const o = w.actors.organizer;
    const f = await createForce(db.prisma, o, w.conferenceId, { kind: "BLOC", nameAr: `كتلة التدقيق ${backend}`, region: "ABROAD" }, meta);
    await updateForce(db.prisma, o, w.conferenceId, f.id, { kind: "BLOC", nameAr: `كتلة التدقيق ${backend}`, region: "ABROAD", city: "برلين", version: f.version }, meta);
    await setForceArchived(db.prisma, o, w.conferenceId, f.id, true, meta);
    const forceEvents = await db.prisma.auditEvent.findMany({ where: { subjectId: f.id }, orderBy: { id: "asc" } });
    expect(forceEvents.map((e) => [e.action, e.actorId, e.ip, e.conferenceId])).toEqual([
      ["force.create", o.id, meta.ip, w.conferenceId],
      ["force.update", o.id, meta.ip, w.conferenceId],
      ["force.archive", o.id, meta.ip, w.conferenceId],
    ]);
    const a = await makeWorld(db.prisma);
    const saved = await saveVersion(a.deps, a.actors.organizer, { paperId: a.paperId, name: "قبل القراءة الثانية" }, meta);
    const { kept } = await restoreVersion(a.deps, a.actors.organizer, { paperId: a.paperId, versionId: saved.id, keptAsName: "قبل الاستعادة" }, meta);
    const paperEvents = await db.prisma.auditEvent.findMany({ where: { subjectId: { in: [saved.id, kept.id] } }, orderBy: { id: "asc" } });
    expect(paperEvents.map((e) => [e.action, e.ip])).toEqual([
      ["paper.version.save", meta.ip],
      ["paper.version.save", meta.ip],
      ["paper.version.restore", meta.ip],
    ]);
  });

  it("records invitation writes — create, terms, transitions one by one and in bulk, delegation — with actor and IP", async () => {
    const meta = { ip: "198.51.100.12" };
    const o = w.actors.organizer;
    const f = await createForce(db.prisma, o, w.conferenceId, { kind: "PARTY", nameAr: `حزب التدقيق ${backend}`, region: "ABROAD" });
    let inv = await createInvitation(db.prisma, o, w.conferenceId, { forceId: f.id, note: "ملاحظة داخلية" }, meta);
    inv = await updateTerms(db.prisma, o, inv.id, { version: inv.version, seatQuota: 4, note: "ملاحظة أخرى" }, meta);
    inv = await transitionInvitation(db.prisma, o, inv.id, { to: "WITHDRAWN", version: inv.version }, meta);
    await bulkTransition(db.prisma, o, w.conferenceId, { to: "CANDIDATE", items: [{ id: inv.id, version: inv.version }] }, meta);
    inv = await transitionInvitation(db.prisma, o, inv.id, { to: "APPROVED", version: inv.version + 1 }, meta);
    const added = await addDelegationMember(db.prisma, o, inv.id, { version: inv.version, name: "هيفاء المندوبة", contact: "haifa@example.org" }, meta);
    const updated = await updateDelegationMember(db.prisma, o, inv.id, added.result.id, { version: added.invitation.version, name: "هيفاء المندوبة", role: "عضو" }, meta);
    await removeDelegationMember(db.prisma, o, inv.id, added.result.id, updated.invitation.version, meta);
    const events = await db.prisma.auditEvent.findMany({ where: { subjectId: inv.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual([
      "invitation.create", "invitation.terms", "invitation.status", "invitation.status", "invitation.status",
      "invitation.delegation", "invitation.delegation", "invitation.delegation",
    ]);
    for (const e of events) expect([e.action, e.actorId, e.ip, e.conferenceId]).toEqual([e.action, o.id, meta.ip, w.conferenceId]);
    expect(events[1]!.data).toEqual({ changed: ["note", "seatQuota"] });
    expect(events.slice(2, 5).map((e) => e.data)).toEqual([{ from: "CANDIDATE", to: "WITHDRAWN" }, { from: "WITHDRAWN", to: "CANDIDATE" }, { from: "CANDIDATE", to: "APPROVED" }]);
    expect(events[5]!.data).toMatchObject({ action: "added", memberId: added.result.id, name: { sealedFor: `delegate:${added.result.id}` } });
    // Notes are free text and a delegate's name is sealed: neither is in the trail in clear.
    const text = JSON.stringify(events.map((e) => e.data));
    for (const v of ["ملاحظة", "هيفاء", "haifa@"]) expect(text).not.toContain(v);
  });

  it("records every amendment write — draft, edit, discard, transitions, recommendation, re-anchoring, comments, merge — with actor and IP", async () => {
    const a = await makeWorld(db.prisma);
    const deps = { ...a.deps, ip: "198.51.100.13" };
    const propose = async (phrase: string) => createAmendment(deps, a.actors.a1, a.paperId, { type: "REPLACE", ...(await a.at(phrase)), proposedText: "نص بديل", rationale: "لأن" });
    const first = await propose("العلاقات العامة");
    await updateDraft(deps, a.actors.a1, first.id, { version: first.version, rationale: "لأن ولأن" });
    await discardDraft(deps, a.actors.a1, first.id);
    const second = await propose("العلاقات العامة");
    await transition(deps, a.actors.a1, second.id, { to: "SUBMITTED" });
    await recommend(deps, a.actors.committee, second.id, { recommendation: "ACCEPT", note: "جيد" });
    await reanchor(deps, a.actors.committee, second.id, await a.at("العلاقات العامة"));
    await addComment(deps, a.actors.committee, second.id, { body: "ملاحظة داخلية", internal: true });
    await transition(deps, a.actors.committee, second.id, { to: "ACCEPTED", note: "مقبول", merge: true });
    const events = await db.prisma.auditEvent.findMany({ where: { subjectId: { in: [first.id, second.id] } }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual([
      "amendments.create", "amendments.edit", "amendments.discard",
      "amendments.create", "amendments.transition", "amendments.transition", "amendments.recommend", "amendments.reanchor", "amendments.comment",
      "amendments.transition", "amendments.merge",
    ]);
    for (const e of events) {
      expect([e.action, e.ip, e.conferenceId]).toEqual([e.action, "198.51.100.13", a.conferenceId]);
      expect(e.actorId).toBeTruthy();
    }
    expect(events[5]!.data).toEqual({ from: "SUBMITTED", to: "UNDER_REVIEW" });
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain("ملاحظة داخلية");
  });

  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    const last = await db.prisma.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    await expect(db.sql.query(`UPDATE "AuditEvent" SET "action" = 'x' WHERE id = $1`, [last.id])).rejects.toThrow(/append-only/);
    await expect(db.sql.query(`DELETE FROM "AuditEvent" WHERE id = $1`, [last.id])).rejects.toThrow(/append-only/);
    await expect(db.sql.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(db.prisma.auditEvent.deleteMany({})).rejects.toThrow();
    expect((await verifyAuditChain(db.prisma)).ok).toBe(true);
  });

  it("finds an edited row and a deleted row behind the triggers", async () => {
    const rows = await db.prisma.auditEvent.findMany({ orderBy: { id: "asc" } });
    const victim = rows[Math.floor(rows.length / 2)]!;
    await behindTriggers(`UPDATE "AuditEvent" SET "actorId" = 'someone-else' WHERE id = $1`, [victim.id]);
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: false, brokenAt: String(victim.id), reason: "hash" });
    await behindTriggers(`UPDATE "AuditEvent" SET "actorId" = $2 WHERE id = $1`, [victim.id, victim.actorId]);
    expect((await verifyAuditChain(db.prisma)).ok).toBe(true);

    // Re-hashing the edited row itself moves the break to the next row's link.
    await behindTriggers(`UPDATE "AuditEvent" SET "data" = '{"forged": true}', "hash" = 'f00' WHERE id = $1`, [victim.id]);
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: false, brokenAt: String(victim.id) });
    await behindTriggers(`UPDATE "AuditEvent" SET "data" = $2::jsonb, "hash" = $3 WHERE id = $1`, [victim.id, victim.data === null ? null : JSON.stringify(victim.data), victim.hash]);
    expect((await verifyAuditChain(db.prisma)).ok).toBe(true);

    const gone = rows[3]!;
    await behindTriggers(`DELETE FROM "AuditEvent" WHERE id = $1`, [gone.id]);
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: false, brokenAt: String(rows[4]!.id), reason: "link" });
  });
});

describe("the migration", () => {
  it("chains the rows written before it, in id order", async () => {
    const db = await openDatabase({ dataDir: "memory://", migrate: false });
    const earlier = mkdtempSync(join(tmpdir(), "audit-mig-"));
    try {
      for (const m of listMigrations().filter((m) => m.name < "20261206010000")) cpSync(join(migrationsDir, m.name), join(earlier, m.name), { recursive: true });
      await applyMigrations(db.sql, earlier);
      // Plain SQL: the client of today's schema would write columns the earlier schema does not have.
      const conf = { id: "conf-before-chain" };
      await db.sql.query(`INSERT INTO "Conference" (id, slug, "nameAr", city, "updatedAt") VALUES ($1, 'c', 'م', 'ق', now())`, [conf.id]);
      for (let i = 0; i < 5; i++) {
        await db.sql.query(`INSERT INTO "AuditEvent" ("actorId", "action", "subjectType", "subjectId", "data") VALUES ('u', 'old.event', 'Conference', $1, $2::jsonb)`, [conf.id, JSON.stringify({ i, note: "قديم" })]);
      }
      // The chain's migration and whatever came after it.
      expect((await applyMigrations(db.sql))[0]).toBe("20261206010000_audit_chain");
      const rows = await db.prisma.auditEvent.findMany({ orderBy: { id: "asc" } });
      expect(rows.every((r) => r.hash.length === 64 && r.conferenceId === conf.id)).toBe(true);
      expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: true, count: 5 });
      await recordAudit(db.prisma, { actorId: "u", action: "new.event", subjectType: "Test" });
      expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: true, count: 6 });
    } finally {
      rmSync(earlier, { recursive: true, force: true });
      await db.close();
    }
  });
});
