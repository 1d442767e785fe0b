// The kinds the activity page filters by (apart from activity.server.ts so the page's form lists them).
export const activityKinds = ["invitations", "amendments", "paperVersions", "outreach"] as const;
export type ActivityKind = (typeof activityKinds)[number];
