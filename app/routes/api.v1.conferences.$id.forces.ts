// GET  /api/v1/conferences/:id/forces   — the directory, with the table's filters, search and paging
// POST /api/v1/conferences/:id/forces   — add a force (409 conflict/duplicate_name unless allowDuplicate)
import { json } from "@remix-run/node";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { createForce, listForces, parseForceQuery } from "~/domain/forces.server";
import { ForceCreateSchema } from "~/domain/forces-schema";
import { clientIp } from "~/http/request.server";

export const loader = api(async ({ request, params, user, services }) => {
  const list = await listForces(services.prisma, user, params.id!, parseForceQuery(new URL(request.url).searchParams));
  return { data: list.rows, page: list.page };
});

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("GET", "POST");
  const { allowDuplicate, ...input } = await readJson(request, ForceCreateSchema);
  return json(await createForce(services.prisma, user, params.id!, input, { allowDuplicate, ip: clientIp(request) }), { status: 201 });
});
