// GET (with its plan items and outreach) / PUT / PATCH / DELETE /api/v1/representations/:id
import { clientIp } from "~/http/request.server";
import { api } from "~/http/api.server";
import { methodNotAllowed, noContent, readObject } from "~/http/coordination-api.server";
import { deleteRepresentation, representationDetail, updateRepresentation } from "~/domain/representations.server";

export const loader = api(async ({ params, user, services }) => representationDetail(services.prisma, user, params.id!));

export const action = api(async ({ request, params, user, services }) => {
  const id = params.id!;
  switch (request.method) {
    case "PUT":
      return updateRepresentation(services.prisma, user, id, await readObject(request), { ip: clientIp(request) });
    case "PATCH": {
      const changes = await readObject(request);
      const { representation: r } = await representationDetail(services.prisma, user, id);
      const current = { country: r.country, area: r.area, city: r.city, representatives: r.representatives, contacts: r.contacts, status: r.status, notes: r.notes };
      return updateRepresentation(services.prisma, user, id, { ...current, ...changes }, { ip: clientIp(request) });
    }
    case "DELETE":
      await deleteRepresentation(services.prisma, user, id, { ip: clientIp(request) });
      return noContent();
    default:
      return methodNotAllowed("GET", "PUT", "PATCH", "DELETE");
  }
});
