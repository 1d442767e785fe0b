// The kinds the activity page filters by, and the audit actions each shows (apart from activity.server.ts
// so the page's form and labels work in the browser).
export const activityKinds = ["invitations", "amendments", "paperVersions", "outreach"] as const;
export type ActivityKind = (typeof activityKinds)[number];

/** The audit actions each kind covers: those whose action starts with the kind's prefix. */
export const activityPrefixes = { invitations: "invitation.", amendments: "amendments.", paperVersions: "paper.version.", outreach: "outreach." } as const satisfies Record<ActivityKind, string>;

/**
 * Every audit action the activity page can show. The code that writes them types its action with
 * ActivityAction, so a new one cannot be written without being listed here, and the i18n test then asks
 * for its label (audit.actions, app/i18n/areas/audit.ts) in every language.
 */
export const activityActions = {
  invitations: ["invitation.create", "invitation.status", "invitation.terms", "invitation.delegation"],
  amendments: [
    "amendments.create", "amendments.edit", "amendments.discard", "amendments.transition", "amendments.merge", "amendments.mergeRefused",
    "amendments.recommend", "amendments.reanchor", "amendments.comment", "amendments.publishDecisions", "amendments.ask", "amendments.sendBack",
    "amendments.phase.add", "amendments.phase.edit", "amendments.phase.delete", "amendments.window",
  ],
  paperVersions: ["paper.version.save", "paper.version.restore"],
  outreach: ["outreach.create", "outreach.update", "outreach.delete", "outreach.followUpDone", "outreach.followUpReopen"],
} as const satisfies { [K in ActivityKind]: readonly `${(typeof activityPrefixes)[K]}${string}`[] };

export type ActivityAction<K extends ActivityKind = ActivityKind> = (typeof activityActions)[K][number];
/** "amendments.phase.add" → "phase.add": what the amendment commands pass to their audit helper. */
export type AmendmentAuditVerb = ActivityAction<"amendments"> extends infer A ? (A extends `amendments.${infer V}` ? V : never) : never;
