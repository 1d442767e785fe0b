// DOCX download of the current text or of a saved version (?version=<id>), in Arabic, one translation or
// bilingual (?lang=ar|ku|en|ar+ku|ar+en, ADR 0065).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportResponse, loadPaperExport, translationLabels } from "~/http/paper-export.server";
import { paperDocx, paperDocxBilingual } from "~/domain/papers-export.server";
import { exportBlocks, languagesOf, translatedContent } from "~/domain/paper-languages";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const exp = await loadPaperExport(request, context);
  const labels = translationLabels(exp);
  const input = { title: exp.paper.title, subtitle: exp.subtitle };
  const file = !exp.translations
    ? await paperDocx({ ...input, content: exp.content })
    : languagesOf(exp.lang).arabic
      ? await paperDocxBilingual({ ...input, blocks: exportBlocks(exp.content, exp.translations), labels })
      : await paperDocx({ ...input, content: translatedContent(exp.content, exp.translations, labels) });
  return exportResponse(request, context, exp, file, "docx");
}
