// The consolidated amendment table as a right-to-left Word document, same filters as the page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/context.server";
import { consolidatedTable } from "~/domain/amendments.server";
import { AMENDMENT_PAGE_PARAMS, amendmentDeps, filtersFrom, pagePaper } from "~/http/amendments-page.server";
import { tableDocx } from "~/domain/amendment-exports.server";
import { localeOf } from "~/locale.server";
import { recordExport } from "~/domain/audit.server";
import { clientIp } from "~/http/request.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "amendment.read");
  const { paper } = await pagePaper(request, context, conference.id);
  const table = await consolidatedTable(amendmentDeps(context), user, paper.id, filtersFrom(new URL(request.url), { paper: AMENDMENT_PAGE_PARAMS.paper }));
  await recordExport(context.services.prisma, { actorId: user.id, conferenceId: conference.id, what: "amendments", format: "docx", filters: new URL(request.url).searchParams.toString() }, { ip: clientIp(request) });
  const body = await tableDocx(table, await localeOf(request, user.locale));
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="amendments.docx"`,
      "Cache-Control": "private, no-store",
    },
  });
}
