// GET /invitations/export?format=csv|xlsx&<the table's filters>: filtered invitations with their forces.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/context.server";
import { parseInvitationQuery } from "~/domain/invitations.server";
import { invitationsForExport, toCsv, toXlsx } from "~/domain/force-csv.server";
import { DomainError } from "~/domain/errors";
import { exportResponse } from "~/http/export.server";
import { recordExport } from "~/domain/audit.server";
import { clientIp } from "~/http/request.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "invitation.read");
  const params = new URL(request.url).searchParams;
  const format = params.get("format") || "csv";
  if (format !== "csv" && format !== "xlsx") throw new Response("Unknown format", { status: 400 });
  try {
    const rows = await invitationsForExport(context.services.prisma, user, conference.id, parseInvitationQuery(params, ["format"]));
    await recordExport(context.services.prisma, { actorId: user.id, conferenceId: conference.id, what: "invitations", format, filters: params.toString(), rows: rows.length }, { ip: clientIp(request) });
    return exportResponse(format, `invitations-${conference.slug}`, format === "csv" ? toCsv(rows) : await toXlsx(rows));
  } catch (err) {
    if (err instanceof DomainError) throw new Response(err.message, { status: err.status });
    throw err;
  }
}
