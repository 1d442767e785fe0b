// The one answer to "may this user do this to that?" — asked by loaders, actions, the JSON API,
// socket.io handlers and the Yjs gate alike (ADR 0004). Pure: no I/O, no transport.
import type { Role } from "@prisma/client";

export interface ActorMembership {
  conferenceId: string;
  role: Role;
  /** The force a DELEGATE speaks for. */
  forceId: string | null;
  /** The conference requires a second factor of the roles in rolesNeedingSecondFactor. */
  secondFactorRequired?: boolean;
}

export interface Actor {
  id: string;
  memberships: ActorMembership[];
  /** The actor has a confirmed second factor. */
  secondFactor?: boolean;
}

/** What an action is done to: always inside one conference; some resources belong to a force. */
export interface Resource {
  conferenceId: string;
  /** Owning force (an invitation's or an amendment's), when the rule depends on it. */
  forceId?: string | null;
  /**
   * The owning force's lead delegate (ADR 0061), for the sign-off rules: null when the force names none
   * (or its lead is no longer its delegate). Left out, a lead rule refuses.
   */
  forceLeadId?: string | null;
}

export const roles: Role[] = ["ORGANIZER", "COMMITTEE", "DELEGATE", "OBSERVER"];

export const actions = [
  "conference.read",
  "member.manage", // add members, set roles, delegate links, API tokens
  "paper.read",
  "paper.edit",
  "paper.version.save",
  "paper.version.restore",
  "paper.translate", // write and confirm the paper's Kurdish and English translations (ADR 0063)
  "amendment.read", // a force's amendments (delegates: their own force only)
  "amendment.draft", // create/edit drafts, ask the lead to submit, withdraw on behalf of the force
  "amendment.submit", // sign off: submit the force's amendment, or send a draft back (its lead; any delegate when none: ADR 0061)
  "amendment.review", // queue, recommendation, discussion, internal notes
  "amendment.decide", // decision, merge, publish decisions
  "amendment.window", // open/close dates of the amendment window (organizers)
  "amendment.comment", // discussion thread with the force
  "amendment.internal.read",
  "force.read",
  "force.manage",
  "force.lead", // name the force's lead delegate (organizers, and the lead it has: ADR 0061)
  "invitation.read", // delegates: their own force's invitation only
  "invitation.manage", // create, change status, quota and deadline (ADR 0021: organizers only)
  "delegation.read", // names, contacts and travel needs of a delegation (delegates: their own)
  "delegation.manage", // name delegates and substitutes (delegates: for their own force)
  "outreach.read",
  "outreach.write",
  "plan.read",
  "plan.write",
  "representation.read",
  "representation.write",
  "audit.read",
  "activity.read", // "what changed today": invitations, amendments, paper versions, outreach (organizers, committee)
  "backup.create", // download the whole conference as an encrypted file (ADR 0029)
  "person.erase", // erase a contact, a delegate or a member account (organizers; ADR 0033)
  "mail.read", // the outbox: every mail the conference sent or keeps, with its errors (ADR 0049)
  "mail.manage", // resend, templates, reminder days (organizers)
  "notification.read", // one's own notifications and their preferences
  "attendance.manage", // check delegation members in and out, check-in codes, voting delegates (ADR 0053)
  "vote.chair", // open, close and publish plenary votes; live results before publication
  "vote.cast", // cast one's own force's ballot (delegates of a present force)
  "vote.read", // the votes; delegates and observers see results once published
  "agenda.read", // the plenary's agenda, its .ics and the projector (every member; ADR 0054)
  "agenda.manage", // add, edit, reorder and schedule sessions and items (organizers, committee)
  "agenda.chair", // put an item on the floor, "next" (organizers, committee: who chairs the plenary)
  "attendance.close", // close check-in (confirmed delegations nobody came for are NO_SHOW) and reopen it (ADR 0068)
  "speakers.request", // ask to speak on an agenda item (delegates: for their own force, once it is present; ADR 0069)
  "speakers.manage", // the chair's list of speakers: order, start, end, remove, close and reopen (as agenda.manage)
] as const;
export type Action = (typeof actions)[number];

/** ownForce: the actor's own force; ownForceLead: and the actor is its lead; ownForceLeadOrAny: …or it names none. */
type Rule = true | "ownForce" | "ownForceLead" | "ownForceLeadOrAny";
const grants: Record<Role, Partial<Record<Action, Rule>>> = {
  // Everything in the conference but casting a force's ballot: an organizer speaks for no force.
  ORGANIZER: Object.fromEntries(actions.filter((a) => a !== "vote.cast").map((a) => [a, true])) as Record<Action, Rule>,
  COMMITTEE: {
    "conference.read": true,
    "paper.read": true,
    "paper.edit": true,
    "paper.version.save": true,
    "paper.version.restore": true,
    "paper.translate": true,
    "amendment.read": true,
    "amendment.review": true,
    "amendment.decide": true,
    "amendment.comment": true,
    "amendment.internal.read": true,
    "force.read": true,
    "invitation.read": true,
    "delegation.read": true,
    "activity.read": true,
    // ADR 0004: the committee also runs outreach and plans with the office.
    "outreach.read": true,
    "outreach.write": true,
    "plan.read": true,
    "plan.write": true,
    "representation.read": true,
    "representation.write": true,
    "notification.read": true,
    "vote.chair": true,
    "vote.read": true,
    "agenda.read": true,
    "agenda.manage": true,
    "agenda.chair": true,
    "speakers.request": true,
    "speakers.manage": true,
  },
  DELEGATE: {
    "conference.read": true,
    "notification.read": true,
    "paper.read": true,
    "amendment.read": "ownForce",
    "amendment.draft": "ownForce",
    "amendment.submit": "ownForceLeadOrAny",
    "force.lead": "ownForceLead",
    "amendment.comment": "ownForce",
    "invitation.read": "ownForce",
    "delegation.read": "ownForce",
    "delegation.manage": "ownForce",
    "vote.cast": "ownForce",
    "vote.read": true,
    "agenda.read": true,
    "speakers.request": "ownForce",
  },
  OBSERVER: {
    "conference.read": true,
    "notification.read": true,
    "paper.read": true,
    "amendment.read": true,
    "force.read": true,
    "invitation.read": true,
    "outreach.read": true,
    "plan.read": true,
    "representation.read": true,
    "vote.read": true,
    "agenda.read": true,
  },
};

export function membershipIn(actor: Actor | null | undefined, conferenceId: string): ActorMembership | undefined {
  return actor?.memberships.find((m) => m.conferenceId === conferenceId);
}

/** Roles that act on the coalition's records: a conference may require them to hold a second factor. */
export const rolesNeedingSecondFactor: readonly Role[] = ["ORGANIZER", "COMMITTEE"];

/** Until they enrol, such members may only see the conference exists (and go and enrol). */
export function mustEnrolSecondFactor(actor: Actor | null | undefined, conferenceId: string): boolean {
  const m = membershipIn(actor, conferenceId);
  return !!m && !!m.secondFactorRequired && rolesNeedingSecondFactor.includes(m.role) && !actor!.secondFactor;
}

export function may(actor: Actor | null | undefined, action: Action, resource: Resource): boolean {
  const m = membershipIn(actor, resource.conferenceId);
  if (!m) return false;
  if (action !== "conference.read" && mustEnrolSecondFactor(actor, resource.conferenceId)) return false;
  const rule = grants[m.role][action];
  if (rule === true) return true;
  const own = !!m.forceId && resource.forceId === m.forceId;
  if (rule === "ownForce") return own;
  if (resource.forceLeadId === undefined) return false; // a lead rule needs to know the lead
  if (rule === "ownForceLead") return own && resource.forceLeadId === actor!.id;
  if (rule === "ownForceLeadOrAny") return own && (resource.forceLeadId === null || resource.forceLeadId === actor!.id);
  return false;
}

/** Roles that speak for one force: their membership names it (ADR 0030). */
export const rolesSpeakingForAForce: readonly Role[] = ["DELEGATE"];

/** The force the actor speaks for in the conference (a delegate's own), else null. */
export function ownForceOf(actor: Actor | null | undefined, conferenceId: string): string | null {
  const m = membershipIn(actor, conferenceId);
  return m && rolesSpeakingForAForce.includes(m.role) ? m.forceId : null;
}

/**
 * The force whose amendments the actor proposes as its own delegate (the proposal page, the force's live
 * room), else null. Organizers may draft for any force too, but they name it (the API), not speak for it.
 */
export function proposingForce(actor: Actor | null | undefined, conferenceId: string): string | null {
  const forceId = ownForceOf(actor, conferenceId);
  return forceId && may(actor, "amendment.draft", { conferenceId, forceId }) ? forceId : null;
}

/** Roles granted an action throughout their conference (owners to choose from, the last organizer). */
export function rolesThatMay(action: Action): Role[] {
  return roles.filter((r) => grants[r][action] === true);
}

/** For role tables in the UI and the table-driven test. */
export function grantsOf(role: Role): Partial<Record<Action, Rule>> {
  return grants[role];
}
