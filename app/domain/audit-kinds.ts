// The kinds the audit page filters by: the first part of an action ("outreach" of "outreach.update").
// Apart from audit.server.ts so the page's form can list them in the browser.
export const auditKinds = [
  "signin", "password", "secondFactor", "account", "member", "delegateLink", "apiToken", "export",
  "outreach", "plan", "representation", "force", "invitation", "amendments", "paper", "conference", "person", "backup",
  "mail", "notifications", "attendance", "vote", "agenda",
] as const;
