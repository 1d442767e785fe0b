// PUT    /api/v1/invitations/:id/delegates/:memberId — edit { version, name, … }
// DELETE /api/v1/invitations/:id/delegates/:memberId?version=n — remove
import { commandMeta } from "~/http/request.server";
import { z } from "zod";
import { parseQuery } from "~/domain/query-params";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { removeDelegationMember, updateDelegationMember } from "~/domain/invitations.server";
import { DelegationMemberChangeSchema } from "~/domain/invitations-schema";

export const loader = api(async () => methodNotAllowed("PUT", "DELETE"));

export const action = api(async ({ request, params, user, services }) => {
  let out;
  if (request.method === "PUT") out = await updateDelegationMember(services.prisma, user, params.id!, params.memberId!, await readJson(request, DelegationMemberChangeSchema), commandMeta(request, services));
  else if (request.method === "DELETE") {
    const { version } = parseQuery(z.object({ version: z.coerce.number().int().min(1) }), new URL(request.url).searchParams);
    out = await removeDelegationMember(services.prisma, user, params.id!, params.memberId!, version, commandMeta(request, services));
  } else return methodNotAllowed("PUT", "DELETE");
  const inv = out.invitation;
  return { invitation: inv, member: out.result };
});
