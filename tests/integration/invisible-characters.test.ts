// Invisible characters in names and free text (ADR 0033): the soft hyphen and every bidi control are
// removed before a force, a contact, a delegate, an outreach entry, a plan item, an amendment or a member
// is stored, so «حزب\u202Eالأفق» is stored, shown and found as «حزبالأفق» — and searching with the
// marks still finds it (tq_fold and foldArabic drop them too).
import { describe, it, expect } from "vitest";
import { backends, type TestDb } from "../helpers/db.js";
import { withDemoWorld, type DemoWorld } from "../helpers/coordination.js";
import { createForce, listForces, parseForceQuery } from "~/domain/forces.server";
import { createOutreach } from "~/domain/outreach.server";
import { createPlanItem } from "~/domain/plans.server";
import { addMember } from "~/domain/members.server";
import { search } from "~/domain/search.server";

const MARKS = ["\u00AD", "\u061C", "\u200B", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\uFEFF"];
const LEFTOVER = /[\u00AD\u061C\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;

describe.each(backends)("invisible characters on %s", (backend) => {
  let db: TestDb;
  let w: DemoWorld;
  withDemoWorld(backend, (d, world) => void ((db = d), (w = world)));

  it("a force named «حزب\\u202Eالأفق» with a soft-hyphenated contact is stored and found without them", async () => {
    const o = w.actors.organizer;
    const f = await createForce(db.prisma, o, w.conferenceId, {
      kind: "PARTY",
      nameAr: "حزب\u202Eالأفق",
      nameEn: "\u2066Hori\u00ADzon\u2069",
      region: "ABROAD",
      notes: "ملاحظة\u200F مهمة",
      tags: ["\u202Bوسم\u202C"],
      contacts: [{ name: "سل\u00ADمى\u061C يوسف", role: "مسؤ\u200Eولة", messaging: "\uFEFF@salma" }],
    });
    expect(f.nameAr).toBe("حزبالأفق");
    expect(f.nameEn).toBe("Horizon");
    expect(f.notes).toBe("ملاحظة مهمة");
    expect(f.tags).toEqual(["وسم"]);
    expect(f.contacts[0]).toMatchObject({ name: "سلمى يوسف", role: "مسؤولة", messaging: "@salma" });
    const rows = await db.sql.query(`SELECT concat_ws('|', "nameAr", "nameEn", "notes", "searchText", array_to_string("tags", ',')) AS t FROM "Force" WHERE id = $1`, [f.id]);
    expect((rows[0] as { t: string }).t).not.toMatch(LEFTOVER);
    for (const q of ["حزبالأفق", "حزب\u202Eالأفق", "حزب\u00ADالأفق"]) {
      const found = await listForces(db.prisma, o, w.conferenceId, parseForceQuery({ q }));
      expect(found.rows.map((r) => r.id), q).toContain(f.id);
    }
    const people = await search(db.prisma, o, w.conferenceId, "سل\u00ADمى يوسف", { kinds: ["person"] });
    expect(JSON.stringify(people)).toContain("سلمى يوسف");
  });

  it("outreach, plans and members' names are cleaned the same way", async () => {
    const o = w.actors.organizer;
    const e = await createOutreach(db.prisma, o, w.conferenceId, { forceId: w.force("Green Valley Tribe"), occurredOn: "2026-11-01", channel: "CALL", participants: "أحمد\u202E علي", summary: `اتصال${MARKS.join("")} أول`, followUp: "\u200Fمتابعة", followUpDue: "2026-12-01", followUpOwnerId: o.id }, { now: new Date("2026-11-02T09:00:00Z") });
    expect(e.participants).toBe("أحمد علي");
    expect(e.followUp?.what).toBe("متابعة");
    expect(e.summary).toBe("اتصال أول");
    const p = await createPlanItem(db.prisma, o, w.conferenceId, { horizon: "SHORT", goal: "\u202Dهدف\u202C واضح" });
    expect(p.goal).toBe("هدف واضح");
    const m = await addMember(db.prisma, o, { conferenceId: w.conferenceId, email: "bidi@example.org", name: "ف\u00ADلان\u2067", role: "OBSERVER" });
    const u = await db.prisma.user.findFirstOrThrow({ where: { memberships: { some: { id: m.membership.id } } } });
    expect(u.name).toBe("فلان");
  });
});
