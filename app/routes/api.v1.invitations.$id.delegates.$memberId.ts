// PUT    /api/v1/invitations/:id/delegates/:memberId — edit { version, name, … }
// DELETE /api/v1/invitations/:id/delegates/:memberId?version=n — remove
import { clientIp } from "~/lib/http.server";
import { z } from "zod";
import { parseQuery } from "~/domain/query-params";
import { api, readJson, methodNotAllowed } from "~/lib/api.server";
import { removeDelegationMember, updateDelegationMember } from "~/domain/invitations.server";
import { DelegationMemberChangeSchema } from "~/domain/invitations-schema";
import { publishInvitationChanges } from "~/lib/invitations-live.server";

export const loader = api(async () => methodNotAllowed("PUT", "DELETE"));

export const action = api(async ({ request, params, user, services }) => {
  let out;
  if (request.method === "PUT") out = await updateDelegationMember(services.prisma, user, params.id!, params.memberId!, await readJson(request, DelegationMemberChangeSchema), { ip: clientIp(request) });
  else if (request.method === "DELETE") {
    const { version } = parseQuery(z.object({ version: z.coerce.number().int().min(1) }), new URL(request.url).searchParams);
    out = await removeDelegationMember(services.prisma, user, params.id!, params.memberId!, version, { ip: clientIp(request) });
  } else return methodNotAllowed("PUT", "DELETE");
  const inv = out.invitation;
  publishInvitationChanges(services, inv.conferenceId, user.id, [{ id: inv.id, forceId: inv.forceId, status: inv.status, version: inv.version }]);
  return { invitation: inv, member: out.result };
});
