// GET / PUT (whole item) / PATCH (changed fields) / DELETE /api/v1/plans/:id
import { api } from "~/http/api.server";
import { methodNotAllowed, noContent, readObject } from "~/http/coordination-api.server";
import { deletePlanItem, getPlanItem, planValues, updatePlanItem } from "~/domain/plans.server";
import { clientIp } from "~/http/request.server";

export const loader = api(async ({ params, user, services }) => getPlanItem(services.prisma, user, params.id!));

export const action = api(async ({ request, params, user, services }) => {
  const id = params.id!;
  switch (request.method) {
    case "PUT":
      return updatePlanItem(services.prisma, user, id, await readObject(request), {}, { ip: clientIp(request) });
    case "PATCH": {
      const changes = await readObject(request);
      const current = planValues(await getPlanItem(services.prisma, user, id));
      return updatePlanItem(services.prisma, user, id, { ...current, ...changes }, {}, { ip: clientIp(request) });
    }
    case "DELETE":
      await deletePlanItem(services.prisma, user, id, { ip: clientIp(request) });
      return noContent();
    default:
      return methodNotAllowed("GET", "PUT", "PATCH", "DELETE");
  }
});
