// GET /audit.csv?<the page's filters>: the filtered audit trail as CSV (writeCsv), newest first, up to
// AUDIT_MAX_EXPORT events. Organizers only; the download is itself recorded.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { AUDIT_MAX_EXPORT, listAudit, recordExport } from "~/domain/audit.server";
import { localDateTime } from "~/domain/local-time";
import { officeTimeZone } from "~/domain/due-dates";
import { writeCsv } from "~/domain/csv.server";
import { clientIp } from "~/http/request.server";
import { auditRequest } from "~/http/audit-page.server";
import { fileResponse } from "~/http/export.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference, filter, erased } = await auditRequest(request, context);
  const { prisma } = context.services;
  const { rows } = await listAudit(prisma, user, conference.id, filter, { take: AUDIT_MAX_EXPORT, erased });
  const zone = officeTimeZone();
  const csv = writeCsv([
    ["id", `time (${zone})`, "time (UTC)", "actor", "actor email", "action", "subject type", "subject id", "ip", "data"],
    ...rows.map((r) => [
      r.id,
      localDateTime(r.at, zone).replace("T", " "),
      r.at.toISOString(),
      r.actor?.name ?? "",
      r.actor?.email ?? "",
      r.action,
      r.subjectType,
      r.subjectId ?? "",
      r.ip ?? "",
      r.data === null || r.data === undefined ? "" : JSON.stringify(r.data),
    ]),
  ]);
  await recordExport(prisma, { actorId: user.id, conferenceId: conference.id, what: "audit", format: "csv", filters: new URL(request.url).searchParams.toString(), rows: rows.length }, { ip: clientIp(request) });
  return fileResponse(csv, "csv", `audit-${conference.slug}.csv`);
}
