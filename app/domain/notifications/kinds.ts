// The kinds of notice a member receives (issue 18, ADR 0051), how each reaches them unless they chose
// otherwise, and which roles receive it at all (the preferences page lists only those). No server
// imports: the preferences form lists them in the browser too.
import type { NotificationChannel, Role } from "@prisma/client";

export const notificationKinds = {
  /** The force's amendment was submitted, taken under review, recommended (when shared), decided, merged;
   * its lead was asked to sign a draft off, or sent it back (ADR 0061). */
  "amendment.changed": { channel: "MAIL", roles: ["DELEGATE"] },
  /** A new message in an amendment's discussion (never a committee-internal note to a delegate). */
  "amendment.comment": { channel: "IN_APP", roles: ["DELEGATE", "COMMITTEE", "ORGANIZER"] },
  /** A force submitted an amendment: the committee's queue grew. */
  "amendment.submitted": { channel: "DIGEST", roles: ["COMMITTEE", "ORGANIZER"] },
  /** An outreach follow-up one owns is due. */
  "followup.due": { channel: "MAIL", roles: ["COMMITTEE", "ORGANIZER"] },
  /** A plan item one owns is past its due day. */
  "plan.overdue": { channel: "MAIL", roles: ["COMMITTEE", "ORGANIZER"] },
  /** The committee published its decisions on the amendments. */
  "decisions.published": { channel: "IN_APP", roles: ["ORGANIZER", "COMMITTEE", "DELEGATE", "OBSERVER"] },
} as const satisfies Record<string, { channel: NotificationChannel; roles: readonly Role[] }>;

export type NotificationKind = keyof typeof notificationKinds;
export const kindNames = Object.keys(notificationKinds) as NotificationKind[];
export const channels = ["IN_APP", "MAIL", "DIGEST", "OFF"] as const satisfies readonly NotificationChannel[];

export const isKind = (s: unknown): s is NotificationKind => typeof s === "string" && Object.hasOwn(notificationKinds, s);

/** The kinds a member of this role can receive, in the order the preferences page shows them. */
export const kindsFor = (role: Role | null | undefined): NotificationKind[] =>
  kindNames.filter((k) => !role || (notificationKinds[k].roles as readonly Role[]).includes(role));

/** What an amendment.changed notice reports. */
export const amendmentEvents = ["submitted", "underReview", "recommended", "decided", "merged", "submissionRequested", "sentBack"] as const;
export type AmendmentEvent = (typeof amendmentEvents)[number];
