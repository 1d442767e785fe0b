// GET /api/v1/votes/:id/ballots.csv — the vote's record as CSV (ADR 0058), as /votes/:id.csv gives it.
import { api, methodNotAllowed } from "~/http/api.server";
import { voteRecordFile } from "~/domain/conference-day/vote-record.server";
import { exportResponse } from "~/http/export.server";
import { clientIp } from "~/http/request.server";
import { localeOf } from "~/locale.server";

export const loader = api(async ({ request, params, user, services }) => {
  const file = await voteRecordFile(services.prisma, user, (params.id ?? "").slice(0, 64), await localeOf(request, user.locale), { ip: clientIp(request) });
  return exportResponse("csv", file.baseName, file.csv);
});

export const action = api(async () => methodNotAllowed("GET"));
