import { api } from "~/http/api.server";

export const loader = api(async ({ user, services }) => {
  const ids = user.memberships.map((m) => m.conferenceId);
  const conferences = await services.prisma.conference.findMany({ where: { id: { in: ids } }, orderBy: { createdAt: "asc" } });
  return {
    conferences: conferences.map((c) => ({ ...c, role: user.memberships.find((m) => m.conferenceId === c.id)!.role })),
  };
});
