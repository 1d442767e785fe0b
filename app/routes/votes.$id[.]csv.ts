// GET /votes/:id.csv — a vote's record (ADR 0058): the chair's any time, everyone's once published;
// a secret vote's is only its tally.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/context.server";
import { voteRecordFile } from "~/domain/conference-day/vote-record.server";
import { exportResponse } from "~/http/export.server";
import { asHttp } from "~/http/page.server";
import { clientIp } from "~/http/request.server";
import { localeOf } from "~/locale.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = await requireMember(request, context, "vote.read");
  const id = (params.id ?? "").slice(0, 64);
  const file = await voteRecordFile(context.services.prisma, user, id, await localeOf(request, user.locale), { ip: clientIp(request) }).catch(asHttp);
  return exportResponse("csv", file.baseName, file.csv);
}
