// GET / PUT (whole entry) / PATCH (changed fields) / DELETE /api/v1/outreach/:id
import { api } from "~/http/api.server";
import { methodNotAllowed, noContent, readObject } from "~/http/coordination-api.server";
import { deleteOutreach, getOutreach, outreachValues, updateOutreach } from "~/domain/outreach.server";
import { clientIp } from "~/http/request.server";

export const loader = api(async ({ params, user, services }) => getOutreach(services.prisma, user, params.id!));

export const action = api(async ({ request, params, user, services }) => {
  const id = params.id!;
  switch (request.method) {
    case "PUT":
      return updateOutreach(services.prisma, user, id, await readObject(request), {}, { ip: clientIp(request) });
    case "PATCH": {
      const changes = await readObject(request);
      const current = outreachValues(await getOutreach(services.prisma, user, id));
      return updateOutreach(services.prisma, user, id, { ...current, ...changes }, {}, { ip: clientIp(request) });
    }
    case "DELETE":
      await deleteOutreach(services.prisma, user, id, { ip: clientIp(request) });
      return noContent();
    default:
      return methodNotAllowed("GET", "PUT", "PATCH", "DELETE");
  }
});
