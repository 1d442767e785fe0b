// GET /forces/export?format=csv|xlsx&<the table's filters>: the filtered forces directory, all pages.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/context.server";
import { parseForceQuery } from "~/domain/forces.server";
import { forcesForExport, toCsv, toXlsx } from "~/domain/force-csv.server";
import { exportResponse } from "~/http/export.server";
import { recordExport } from "~/domain/audit.server";
import { clientIp } from "~/http/request.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "force.read");
  const params = new URL(request.url).searchParams;
  const format = params.get("format") || "csv";
  if (format !== "csv" && format !== "xlsx") throw new Response("Unknown format", { status: 400 });
  let query;
  try {
    query = parseForceQuery(params, ["format"]);
  } catch {
    throw new Response("Invalid filters", { status: 400 });
  }
  const rows = await forcesForExport(context.services.prisma, user, conference.id, query);
  await recordExport(context.services.prisma, { actorId: user.id, conferenceId: conference.id, what: "forces", format, filters: params.toString(), rows: rows.length }, { ip: clientIp(request) });
  return exportResponse(format, `forces-${conference.slug}`, format === "csv" ? toCsv(rows) : await toXlsx(rows));
}
