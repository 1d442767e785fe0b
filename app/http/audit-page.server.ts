// The audit page and its CSV (ADR 0032) read the same request: an organizer of the conference
// (audit.read, else 403) and the GET filters (invalid: 400); and the reader's word for an erased value.
import type { AppLoadContext } from "@remix-run/node";
import { requireMember } from "~/context.server";
import { parseAuditFilter, type AuditFilter } from "~/domain/audit.server";
import { asHttp } from "~/http/page.server";
import { t } from "~/i18n";
import { localeOf } from "~/locale.server";

export async function auditRequest(request: Request, context: AppLoadContext) {
  const { user, conference } = await requireMember(request, context, "audit.read");
  let filter: AuditFilter;
  try {
    filter = parseAuditFilter(new URL(request.url).searchParams);
  } catch (err) {
    asHttp(err);
  }
  const erased = t(await localeOf(request, user.locale), "audit.erased");
  return { user, conference, filter, erased };
}
