// Table-driven: every role × every action, in and out of the actor's conference and force.
import { describe, it, expect } from "vitest";
import { actions, may, mustEnrolSecondFactor, ownForceOf, proposingForce, rolesThatMay, type Action, type Actor } from "~/policy";
import type { Role } from "@prisma/client";

const C = "conf-1";
const OTHER = "conf-2";
const OWN = "force-own";
const FOREIGN = "force-other";
const actor = (role: Role): Actor => ({ id: "u", memberships: [{ conferenceId: C, role, forceId: role === "DELEGATE" ? OWN : null }] });

// Expected answer for a resource owned by the actor's force / by another force / with no owner.
type Expect = [own: boolean, foreign: boolean];
const Y: Expect = [true, true];
const N: Expect = [false, false];
const OWN_ONLY: Expect = [true, false];

const table: Record<Action, Record<Role, Expect>> = {
  "conference.read": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: Y, OBSERVER: Y },
  "member.manage": { ORGANIZER: Y, COMMITTEE: N, DELEGATE: N, OBSERVER: N },
  "person.erase": { ORGANIZER: Y, COMMITTEE: N, DELEGATE: N, OBSERVER: N },
  "paper.read": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: Y, OBSERVER: Y },
  "paper.edit": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: N, OBSERVER: N },
  "paper.version.save": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: N, OBSERVER: N },
  "paper.version.restore": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: N, OBSERVER: N },
  "paper.translate": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: N, OBSERVER: N },
  "amendment.read": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: OWN_ONLY, OBSERVER: Y },
  "amendment.draft": { ORGANIZER: Y, COMMITTEE: N, DELEGATE: OWN_ONLY, OBSERVER: N },
  // Lead rules refuse a delegate when the resource does not say who the lead is: see the sign-off table below.
  "amendment.submit": { ORGANIZER: Y, COMMITTEE: N, DELEGATE: N, OBSERVER: N },
  "amendment.review": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: N, OBSERVER: N },
  "amendment.decide": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: N, OBSERVER: N },
  "amendment.window": { ORGANIZER: Y, COMMITTEE: N, DELEGATE: N, OBSERVER: N },
  "amendment.comment": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: OWN_ONLY, OBSERVER: N },
  "amendment.internal.read": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: N, OBSERVER: N },
  "force.read": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: N, OBSERVER: Y },
  "force.manage": { ORGANIZER: Y, COMMITTEE: N, DELEGATE: N, OBSERVER: N },
  "force.lead": { ORGANIZER: Y, COMMITTEE: N, DELEGATE: N, OBSERVER: N },
  "invitation.read": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: OWN_ONLY, OBSERVER: Y },
  "invitation.manage": { ORGANIZER: Y, COMMITTEE: N, DELEGATE: N, OBSERVER: N },
  "delegation.read": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: OWN_ONLY, OBSERVER: N },
  "delegation.manage": { ORGANIZER: Y, COMMITTEE: N, DELEGATE: OWN_ONLY, OBSERVER: N },
  "outreach.read": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: N, OBSERVER: Y },
  "outreach.write": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: N, OBSERVER: N },
  "plan.read": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: N, OBSERVER: Y },
  "plan.write": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: N, OBSERVER: N },
  "representation.read": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: N, OBSERVER: Y },
  "representation.write": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: N, OBSERVER: N },
  "audit.read": { ORGANIZER: Y, COMMITTEE: N, DELEGATE: N, OBSERVER: N },
  "activity.read": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: N, OBSERVER: N },
  "backup.create": { ORGANIZER: Y, COMMITTEE: N, DELEGATE: N, OBSERVER: N },
  "mail.read": { ORGANIZER: Y, COMMITTEE: N, DELEGATE: N, OBSERVER: N },
  "mail.manage": { ORGANIZER: Y, COMMITTEE: N, DELEGATE: N, OBSERVER: N },
  "notification.read": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: Y, OBSERVER: Y },
  "attendance.manage": { ORGANIZER: Y, COMMITTEE: N, DELEGATE: N, OBSERVER: N },
  "vote.chair": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: N, OBSERVER: N },
  "vote.cast": { ORGANIZER: N, COMMITTEE: N, DELEGATE: OWN_ONLY, OBSERVER: N },
  "vote.read": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: Y, OBSERVER: Y },
  "agenda.read": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: Y, OBSERVER: Y },
  "agenda.manage": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: N, OBSERVER: N },
  "agenda.chair": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: N, OBSERVER: N },
  "attendance.close": { ORGANIZER: Y, COMMITTEE: N, DELEGATE: N, OBSERVER: N },
  "speakers.request": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: OWN_ONLY, OBSERVER: N },
  "speakers.manage": { ORGANIZER: Y, COMMITTEE: Y, DELEGATE: N, OBSERVER: N },
};

describe("may(user, action, resource)", () => {
  it("the table covers every action", () => {
    expect(Object.keys(table).sort()).toEqual([...actions].sort());
  });
  const roles: Role[] = ["ORGANIZER", "COMMITTEE", "DELEGATE", "OBSERVER"];
  for (const action of actions) {
    for (const role of roles) {
      const [own, foreign] = table[action][role];
      it(`${role} ${action}: own force ${own}, other force ${foreign}, other conference false`, () => {
        expect(may(actor(role), action, { conferenceId: C, forceId: OWN })).toBe(own);
        expect(may(actor(role), action, { conferenceId: C, forceId: FOREIGN })).toBe(foreign);
        expect(may(actor(role), action, { conferenceId: OTHER, forceId: OWN })).toBe(false);
      });
    }
  }
  // The force's internal sign-off (ADR 0061): who submits for a force, and who names its lead, by who the
  // lead is (the actor "u", another delegate, or none named).
  const leadTable: [lead: string | null, action: Action, role: Role, own: boolean, foreign: boolean][] = [
    [null, "amendment.submit", "DELEGATE", true, false],
    ["u", "amendment.submit", "DELEGATE", true, false],
    ["someone-else", "amendment.submit", "DELEGATE", false, false],
    [null, "force.lead", "DELEGATE", false, false],
    ["u", "force.lead", "DELEGATE", true, false],
    ["someone-else", "force.lead", "DELEGATE", false, false],
    ["someone-else", "amendment.submit", "ORGANIZER", true, true],
    ["someone-else", "force.lead", "ORGANIZER", true, true],
    [null, "force.lead", "ORGANIZER", true, true],
    ["u", "amendment.submit", "COMMITTEE", false, false],
    ["u", "force.lead", "COMMITTEE", false, false],
    ["u", "amendment.submit", "OBSERVER", false, false],
    ["u", "force.lead", "OBSERVER", false, false],
  ];
  for (const [lead, action, role, own, foreign] of leadTable) {
    it(`${role} ${action} when the lead is ${lead ?? "not named"}: own force ${own}, other force ${foreign}`, () => {
      expect(may(actor(role), action, { conferenceId: C, forceId: OWN, forceLeadId: lead })).toBe(own);
      expect(may(actor(role), action, { conferenceId: C, forceId: FOREIGN, forceLeadId: lead })).toBe(foreign);
      expect(may(actor(role), action, { conferenceId: OTHER, forceId: OWN, forceLeadId: lead })).toBe(false);
    });
  }
  it("anonymous and membership-less users may nothing", () => {
    for (const action of actions) {
      expect(may(null, action, { conferenceId: C })).toBe(false);
      expect(may({ id: "x", memberships: [] }, action, { conferenceId: C })).toBe(false);
    }
  });
  it("a delegate without a force owns nothing", () => {
    const a: Actor = { id: "d", memberships: [{ conferenceId: C, role: "DELEGATE", forceId: null }] };
    expect(may(a, "amendment.draft", { conferenceId: C, forceId: null })).toBe(false);
  });
});

// The second-factor rule (ADR 0026): where a conference requires it, organizers and committee members
// without a confirmed second factor may only read that the conference exists; other roles are not held.
describe("may(): a conference that requires a second factor", () => {
  const member = (role: Role, opts: { required: boolean; enrolled: boolean }): Actor => ({
    id: "u",
    secondFactor: opts.enrolled,
    memberships: [
      { conferenceId: C, role, forceId: role === "DELEGATE" ? OWN : null, secondFactorRequired: opts.required },
      { conferenceId: OTHER, role, forceId: role === "DELEGATE" ? OWN : null, secondFactorRequired: false },
    ],
  });
  // role, required, enrolled → must enrol?
  const rows: [Role, boolean, boolean, boolean][] = [
    ["ORGANIZER", true, false, true],
    ["COMMITTEE", true, false, true],
    ["DELEGATE", true, false, false],
    ["OBSERVER", true, false, false],
    ["ORGANIZER", true, true, false],
    ["COMMITTEE", true, true, false],
    ["ORGANIZER", false, false, false],
    ["COMMITTEE", false, false, false],
  ];
  for (const [role, required, enrolled, mustEnrol] of rows) {
    it(`${role}, required ${required}, enrolled ${enrolled}: ${mustEnrol ? "only conference.read" : "the role's grants"}`, () => {
      const a = member(role, { required, enrolled });
      expect(mustEnrolSecondFactor(a, C)).toBe(mustEnrol);
      for (const action of actions) {
        const [own, foreign] = table[action][role];
        const held = mustEnrol && action !== "conference.read";
        expect([action, may(a, action, { conferenceId: C, forceId: OWN })]).toEqual([action, held ? false : own]);
        expect([action, may(a, action, { conferenceId: C, forceId: FOREIGN })]).toEqual([action, held ? false : foreign]);
        // Another conference that does not require it is unaffected.
        expect([action, may(a, action, { conferenceId: OTHER, forceId: OWN })]).toEqual([action, own]);
      }
    });
  }
});


// The questions that replaced role names outside the policy (ADR 0037): which force the actor speaks for,
// whether they propose amendments as that force, and which roles hold an action everywhere.
describe("ownForceOf, proposingForce and rolesThatMay", () => {
  const withForce = (role: Role, secondFactorRequired = false): Actor => ({
    id: "u",
    memberships: [{ conferenceId: C, role, forceId: OWN, secondFactorRequired }],
  });
  // role → [ownForceOf, proposingForce] for a membership that names a force (only a delegate's counts).
  const rows: Record<Role, [string | null, string | null]> = {
    ORGANIZER: [null, null],
    COMMITTEE: [null, null],
    DELEGATE: [OWN, OWN],
    OBSERVER: [null, null],
  };
  for (const [role, [own, proposing]] of Object.entries(rows) as [Role, [string | null, string | null]][]) {
    it(`${role}: own force ${own}, proposes for ${proposing}, nothing in another conference`, () => {
      expect(ownForceOf(withForce(role), C)).toBe(own);
      expect(proposingForce(withForce(role), C)).toBe(proposing);
      expect(ownForceOf(withForce(role), OTHER)).toBeNull();
      expect(proposingForce(withForce(role), OTHER)).toBeNull();
    });
  }
  it("a delegate without a force, anonymous and membership-less users speak for none", () => {
    for (const a of [{ id: "d", memberships: [{ conferenceId: C, role: "DELEGATE" as Role, forceId: null }] }, null, { id: "x", memberships: [] }]) {
      expect(ownForceOf(a, C)).toBeNull();
      expect(proposingForce(a, C)).toBeNull();
    }
  });
  it("rolesThatMay lists the roles granted an action outright, in the order of the role list", () => {
    const roles: Role[] = ["ORGANIZER", "COMMITTEE", "DELEGATE", "OBSERVER"];
    for (const action of actions) {
      const outright = roles.filter((r) => table[action][r] === Y);
      expect([action, rolesThatMay(action)]).toEqual([action, outright]);
    }
    expect(rolesThatMay("member.manage")).toEqual(["ORGANIZER"]);
  });
});
