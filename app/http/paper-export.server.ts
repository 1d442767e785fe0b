// What the paper's exports (DOCX, PDF, print) share: the policy check, the text (current or a version,
// ?version=), its heading line, and the language asked for (?lang=, ADR 0065) with that language's
// translations by block.
import { fileResponse } from "./export.server";
import type { AppLoadContext } from "@remix-run/node";
import type { JSONContent } from "@tiptap/core";
import { requireMember } from "~/context.server";
import { asHttp } from "~/http/page.server";
import { conferencePaper, currentContent, versionContent, type VersionSummary } from "~/domain/papers.server";
import { isDailyVersionName } from "~/domain/papers";
import { languagesOf, langParam, type ExportLanguage, type StoredTranslation } from "~/domain/paper-languages";
import { translationsByBlock } from "~/domain/translations.server";
import { t, type Locale } from "~/i18n";
import { localeOf } from "~/locale.server";
import { idParam, pageParams } from "~/domain/query-params";
import { docxFileName } from "~/domain/papers-export.server";
import { recordExport } from "~/domain/audit.server";
import { clientIp } from "~/http/request.server";

export interface PaperExport {
  member: Awaited<ReturnType<typeof requireMember>>;
  paper: { id: string; title: string };
  locale: Locale;
  version: VersionSummary | null;
  content: JSONContent;
  /** "Version name — date" or "From Tawafuq, date". */
  subtitle: string;
  /** The date for the file name. */
  date: string;
  lang: ExportLanguage;
  /** The translations of the language asked for, by block id; null for the Arabic alone. */
  translations: Map<string, StoredTranslation> | null;
}

export async function loadPaperExport(request: Request, context: AppLoadContext): Promise<PaperExport> {
  const { services } = context;
  const member = await requireMember(request, context, "paper.read");
  const paper = await conferencePaper(services.prisma, member.conference.id).catch(asHttp);
  const params = pageParams(request, { version: idParam, lang: langParam });
  const versionId = params.version ?? null;
  const lang = params.lang ?? "ar";
  const locale = await localeOf(request, member.user.locale);
  try {
    const { translation } = languagesOf(lang);
    const translations = translation ? await translationsByBlock(services.prisma, paper.id, translation) : null;
    if (versionId && versionId !== "current") {
      const { version, content } = await versionContent(services.prisma, paper.id, versionId);
      const name = version.automatic && isDailyVersionName(version.name) ? t(locale, "paper.versions.daily", { date: version.name }) : version.name;
      const date = version.createdAt.toISOString().slice(0, 10);
      return { member, paper, locale, version, content, subtitle: `${name} — ${date}`, date, lang, translations };
    }
    const date = new Date().toISOString().slice(0, 10);
    const content = await currentContent(services, paper.id);
    return { member, paper, locale, version: null, content, subtitle: t(locale, "paper.export.printedFrom", { date }), date, lang, translations };
  } catch (err) {
    asHttp(err);
  }
}

/** Labels that mark translations, in the translation's language (the reader's), else the reader's locale. */
export function translationLabels(exp: PaperExport) {
  const l = (languagesOf(exp.lang).translation ?? exp.locale) as Locale;
  return {
    arabic: t(l, "paper.export.arabicColumn"),
    translation: t(l, "paper.export.translationColumn"),
    missing: t(l, "paper.export.missingTranslation"),
    outdated: t(l, "paper.export.outdatedTranslation"),
  };
}

/** Records the download in the audit log and answers it as an attachment named after the paper. */
export async function exportResponse(request: Request, context: AppLoadContext, exp: PaperExport, file: Buffer, format: "docx" | "pdf"): Promise<Response> {
  const m = exp.member;
  const filters = [exp.version ? `version=${exp.version.id}` : "", exp.lang !== "ar" ? `lang=${exp.lang}` : ""].filter(Boolean).join("&");
  await recordExport(context.services.prisma, { actorId: m.user.id, conferenceId: m.conference.id, what: "paper", format, filters: filters || undefined }, { ip: clientIp(request) });
  const suffix = [exp.version ? exp.date : "", exp.lang !== "ar" ? exp.lang : ""].filter(Boolean).join(" ");
  return fileResponse(new Uint8Array(file), format, `paper.${format}`, docxFileName(exp.paper.title, suffix || undefined, format));
}
