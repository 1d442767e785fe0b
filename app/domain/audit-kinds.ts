// The kinds the audit page filters by: the first part of an action ("outreach" of "outreach.update").
// Apart from audit.server.ts so the page's form can list them in the browser.
import { catalogueKeyOf } from "./mail/kinds";

export const auditKinds = [
  "signin", "password", "secondFactor", "account", "member", "delegateLink", "apiToken", "export",
  "outreach", "plan", "representation", "force", "invitation", "amendments", "paper", "conference", "person", "backup",
  "mail", "notifications", "attendance", "vote", "agenda",
] as const;

/**
 * An audit action's label in the catalogue (audit.actions, app/i18n/areas/audit.ts), by the mail kinds'
 * rule ("paper.version.save" → "paperVersionSave"); a page shows the action itself when it has none.
 */
export const auditActionKey = (action: string) => `audit.actions.${catalogueKeyOf(action)}`;
