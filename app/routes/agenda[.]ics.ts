// GET /agenda.ics: the conference's agenda as a calendar for signed-in members (agenda.read); one event
// per session. No query parameters: anything else asked is a 400.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/context.server";
import { agendaCalendar } from "~/domain/agenda.server";
import { pageParams } from "~/domain/query-params";
import { fileResponse } from "~/http/export.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "agenda.read");
  pageParams(request, {});
  let host: string | undefined;
  try {
    host = new URL(context.services.mail.appUrl).hostname || undefined;
  } catch {}
  const ics = await agendaCalendar(context.services.prisma, user, conference.id, host);
  return fileResponse(ics, "ics", `agenda-${conference.slug}.ics`);
}
