// GET /api/v1/conferences/:id/forces/:forceId — one force
// PUT /api/v1/conferences/:id/forces/:forceId — replace its fields at the version read (409 stale_version)
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { getForce, updateForce } from "~/domain/forces.server";
import { ForceUpdateSchema } from "~/domain/forces-schema";
import { clientIp } from "~/http/request.server";

export const loader = api(async ({ params, user, services }) => getForce(services.prisma, user, params.id!, params.forceId!));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "PUT") return methodNotAllowed("GET", "PUT");
  const { allowDuplicate, ...input } = await readJson(request, ForceUpdateSchema);
  return updateForce(services.prisma, user, params.id!, params.forceId!, input, { allowDuplicate, ip: clientIp(request) });
});
