// POST /api/v1/conferences/:id/forces/:forceId/archive { "archived": true|false }
import { z } from "zod";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { setForceArchived } from "~/domain/forces.server";
import { clientIp } from "~/http/request.server";

export const ArchiveSchema = z.object({ archived: z.boolean() });

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  const { archived } = await readJson(request, ArchiveSchema);
  return setForceArchived(services.prisma, user, params.id!, params.forceId!, archived, { ip: clientIp(request) });
});
