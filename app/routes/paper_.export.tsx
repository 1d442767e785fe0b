// DOCX download of the current text or of a saved version (?version=<id>).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/context.server";
import { asHttp } from "~/http/page.server";
import { conferencePaper, currentContent, versionContent } from "~/domain/papers.server";
import { docxFileName, paperDocx } from "~/domain/papers-export.server";
import { isDailyVersionName } from "~/domain/papers";
import { t } from "~/i18n";
import { localeOf } from "~/locale.server";
import { recordExport } from "~/domain/audit.server";
import { clientIp } from "~/http/request.server";
import { idParam, pageParams } from "~/domain/query-params";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { services } = context;
  const m = await requireMember(request, context, "paper.read");
  const paper = await conferencePaper(services.prisma, m.conference.id).catch(asHttp);
  const versionId = pageParams(request, { version: idParam }).version ?? null;
  const locale = await localeOf(request, m.user.locale);
  let content;
  let subtitle: string;
  let suffix: string | undefined;
  try {
    if (versionId && versionId !== "current") {
      const v = await versionContent(services.prisma, paper.id, versionId);
      content = v.content;
      const name = v.version.automatic && isDailyVersionName(v.version.name) ? t(locale, "paper.versions.daily", { date: v.version.name }) : v.version.name;
      subtitle = `${name} — ${v.version.createdAt.toISOString().slice(0, 10)}`;
      suffix = v.version.createdAt.toISOString().slice(0, 10);
    } else {
      content = await currentContent(services, paper.id);
      subtitle = t(locale, "paper.export.printedFrom", { date: new Date().toISOString().slice(0, 10) });
    }
  } catch (err) {
    asHttp(err);
  }
  const file = await paperDocx({ title: paper.title, subtitle, content });
  await recordExport(services.prisma, { actorId: m.user.id, conferenceId: m.conference.id, what: "paper", format: "docx", filters: versionId ? `version=${versionId}` : undefined }, { ip: clientIp(request) });
  const name = docxFileName(paper.title, suffix);
  return new Response(new Uint8Array(file), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      // RFC 6266/5987: an ASCII fallback plus the UTF-8 (Arabic) name.
      "Content-Disposition": `attachment; filename="paper.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
