// Action plans and representations abroad on real PGlite and PostgreSQL.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { demoWorld, type DemoWorld } from "../helpers/coordination.js";
import { byOwner, createPlanItem, deletePlanItem, getPlanItem, listPlanItems, progressByHorizon, setPlanStatus, updatePlanItem } from "~/domain/plans.server";
import { createRepresentation, deleteRepresentation, representationDetail, representationsByArea, updateRepresentation } from "~/domain/representations.server";
import { createOutreach } from "~/domain/outreach.server";
import { DomainError } from "~/domain/errors";

const tz = "Asia/Damascus";
const clock = { now: new Date("2026-12-10T06:00:00Z"), timeZone: tz };
const later = { now: new Date("2027-01-20T06:00:00Z"), timeZone: tz };

async function rejects(p: Promise<unknown>, code: string, field?: string, rule?: string) {
  const err = await p.then(
    () => null,
    (e) => e,
  );
  expect(err, "expected a DomainError").toBeInstanceOf(DomainError);
  expect(err.code).toBe(code);
  if (field) expect(err.details?.fieldErrors?.[field]).toContain(rule);
}

describe.each(backends)("plans and representations on %s", (backend) => {
  let db: TestDb;
  let w: DemoWorld;
  beforeAll(async () => {
    db = await freshDb(backend);
    w = await demoWorld(db.prisma);
    // The seed's plan items are dated from the real clock; these tests run on their own clock.
    await db.prisma.planItem.deleteMany({});
  });
  afterAll(async () => db?.destroy());

  it("creates items linked to a force, a representation and a paper section, and checks each link", async () => {
    const o = w.actors.organizer;
    const rep = await db.prisma.representation.findFirstOrThrow({ where: { conferenceId: w.conferenceId, country: "ألمانيا" } });
    const item = await createPlanItem(
      db.prisma,
      w.actors.committee,
      w.conferenceId,
      { horizon: "SHORT", goal: "لقاء مع المجلس الأوروبي للسلام", ownerId: o.id, dueOn: "2026-12-20", forceId: w.force("European Peace Council"), representationId: rep.id, paperSection: "٣. مهام وأهداف الممثليات (الدول العربية، أوروبا، أمريكا)" },
      clock,
    );
    expect(item).toMatchObject({ status: "PLANNED", dueState: "later", owner: { id: o.id }, representation: { country: "ألمانيا" } });
    expect(item.force?.nameEn).toBe("European Peace Council");

    const before = await db.prisma.planItem.count();
    const base = { horizon: "MEDIUM", goal: "هدف" };
    await rejects(createPlanItem(db.prisma, o, w.conferenceId, { ...base, paperSection: "قسم غير موجود" }, clock), "bad_request", "paperSection", "notASection");
    await rejects(createPlanItem(db.prisma, o, w.conferenceId, { ...base, dueOn: "2026-12-09" }, clock), "bad_request", "dueOn", "dueInPast");
    await rejects(createPlanItem(db.prisma, o, w.conferenceId, { ...base, ownerId: w.actors.observer.id }, clock), "bad_request", "ownerId", "ownerNotAllowed");
    await rejects(createPlanItem(db.prisma, o, w.conferenceId, { ...base, representationId: "x" }, clock), "bad_request", "representationId", "notFound");
    await rejects(createPlanItem(db.prisma, o, w.conferenceId, { ...base, horizon: "FOREVER" }, clock), "bad_request", "horizon", "invalidChoice");
    await rejects(createPlanItem(db.prisma, o, w.conferenceId, { ...base, goal: "" }, clock), "bad_request", "goal", "required");
    await rejects(createPlanItem(db.prisma, w.actors.observer, w.conferenceId, base, clock), "forbidden");
    await rejects(listPlanItems(db.prisma, w.actors.delegate, w.conferenceId), "forbidden");
    await rejects(getPlanItem(db.prisma, w.actors.delegate, item.id), "not_found");
    expect(await db.prisma.planItem.count()).toBe(before);
    await deletePlanItem(db.prisma, w.actors.committee, item.id);
    expect(await db.prisma.auditEvent.count({ where: { action: "plan.delete", subjectId: item.id } })).toBe(1);
  });

  it("computes overdue with the clock, by horizon and by owner, and progress per horizon", async () => {
    const o = w.actors.organizer;
    const c = w.actors.committee;
    const mk = (horizon: string, goal: string, dueOn: string | null, ownerId: string | null) => createPlanItem(db.prisma, o, w.conferenceId, { horizon, goal, dueOn, ownerId }, clock);
    const a = await mk("SHORT", "تأكيد حضور العشائر", "2026-12-31", c.id);
    const b = await mk("SHORT", "إرسال الدعوات المتبقية", "2027-01-10", c.id);
    const m = await mk("MEDIUM", "خطة إعلامية", "2027-06-01", o.id);
    const l = await mk("LONG", "بناء توافقات وطنية", null, null);
    await setPlanStatus(db.prisma, c, b.id, "DONE", clock);
    await rejects(setPlanStatus(db.prisma, c, b.id, "FINISHED", clock), "bad_request", "status", "invalidChoice");

    // Three weeks later: a is past due and open, b was done in time.
    const overdue = await listPlanItems(db.prisma, w.actors.observer, w.conferenceId, { overdue: "1" }, later);
    expect(overdue.map((i) => i.id)).toEqual([a.id]);
    expect(overdue[0]!.dueState).toBe("overdue");
    const all = await listPlanItems(db.prisma, o, w.conferenceId, {}, later);
    const progress = progressByHorizon(all);
    expect(progress.find((p) => p.horizon === "SHORT")).toMatchObject({ total: 2, done: 1, overdue: 1, percentDone: 50 });
    expect(progress.find((p) => p.horizon === "LONG")).toMatchObject({ total: 1, done: 0, percentDone: 0 });
    expect((await listPlanItems(db.prisma, o, w.conferenceId, { horizon: "MEDIUM" }, later)).map((i) => i.id)).toEqual([m.id]);

    const groups = byOwner(all);
    expect(groups[groups.length - 1]!.owner).toBeNull();
    expect(groups[groups.length - 1]!.items.map((i) => i.id)).toEqual([l.id]);
    expect(groups.find((g) => g.owner?.id === c.id)!.items.map((i) => i.id)).toEqual([a.id, b.id]);

    // Dropping the overdue item takes it off the overdue list and out of the percentage.
    await setPlanStatus(db.prisma, c, a.id, "DROPPED", later);
    expect(await listPlanItems(db.prisma, o, w.conferenceId, { overdue: "1" }, later)).toEqual([]);
  });

  it("lets an overdue item be edited without moving its day, but not moved into the past", async () => {
    const o = w.actors.organizer;
    const item = await createPlanItem(db.prisma, o, w.conferenceId, { horizon: "SHORT", goal: "مراجعة الورقة", dueOn: "2026-12-15" }, clock);
    const edited = await updatePlanItem(db.prisma, o, item.id, { horizon: "SHORT", goal: "مراجعة الورقة مع اللجنة", dueOn: "2026-12-15", status: "IN_PROGRESS" }, later);
    expect(edited).toMatchObject({ goal: "مراجعة الورقة مع اللجنة", dueState: "overdue", status: "IN_PROGRESS" });
    await rejects(updatePlanItem(db.prisma, o, item.id, { horizon: "SHORT", goal: "x", dueOn: "2027-01-01" }, later), "bad_request", "dueOn", "dueInPast");
    await deletePlanItem(db.prisma, o, item.id);
    await rejects(getPlanItem(db.prisma, o, item.id), "not_found");
  });

  it("keeps one representation per country, spelling variants included, grouped by area", async () => {
    const o = w.actors.organizer;
    const fr = await createRepresentation(db.prisma, w.actors.committee, w.conferenceId, { country: "فرنسا", area: "EUROPE", city: "باريس", representatives: "ممثل المجلس", status: "" });
    expect(fr.status).toBe("ACTIVE");
    const before = await db.prisma.representation.count();
    await rejects(createRepresentation(db.prisma, o, w.conferenceId, { country: "المانيا", area: "EUROPE" }), "conflict");
    await rejects(createRepresentation(db.prisma, o, w.conferenceId, { country: "كندا", area: "NORTH" }), "bad_request", "area", "invalidChoice");
    await rejects(createRepresentation(db.prisma, o, w.conferenceId, { country: "كندا", area: "AMERICA", status: "SLEEPING" }), "bad_request", "status", "invalidChoice");
    await rejects(createRepresentation(db.prisma, w.actors.observer, w.conferenceId, { country: "كندا", area: "AMERICA" }), "forbidden");
    await rejects(updateRepresentation(db.prisma, o, fr.id, { country: "مصر", area: "ARAB" }), "conflict");
    expect(await db.prisma.representation.count()).toBe(before);

    const groups = await representationsByArea(db.prisma, w.actors.observer, w.conferenceId);
    expect(groups.map((g) => g.area)).toEqual(["ARAB", "EUROPE", "AMERICA", "OTHER"]);
    expect(groups[1]!.representations.map((r) => r.country)).toEqual(["ألمانيا", "فرنسا"]);
    expect(groups[3]!.representations).toEqual([]);
    await rejects(representationsByArea(db.prisma, w.actors.delegate, w.conferenceId), "forbidden");

    // Its plan items and outreach show on its page; removing it keeps both.
    const plan = await createPlanItem(db.prisma, o, w.conferenceId, { horizon: "MEDIUM", goal: "فتح قناة مع الخارجية الفرنسية", representationId: fr.id }, clock);
    const visit = await createOutreach(db.prisma, o, w.conferenceId, { representationId: fr.id, occurredOn: "2026-12-01", channel: "VISIT", summary: "زيارة مكتب الممثلية" }, clock);
    const detail = await representationDetail(db.prisma, w.actors.observer, fr.id, clock);
    expect(detail.planItems.map((p) => p.id)).toEqual([plan.id]);
    expect(detail.outreach.map((e) => e.id)).toEqual([visit.id]);
    expect(detail.representation._count).toEqual({ outreach: 1, planItems: 1 });
    await deleteRepresentation(db.prisma, o, fr.id);
    expect(await db.prisma.planItem.findUnique({ where: { id: plan.id } })).toMatchObject({ representationId: null });
    expect(await db.prisma.outreachEntry.findUnique({ where: { id: visit.id } })).toMatchObject({ representationId: null });
  });
});
