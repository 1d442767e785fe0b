// PDF of the current text or of a saved version (?version=<id>), made on the server (ADR 0064), in Arabic,
// one translation or bilingual side by side (?lang=ar|ku|en|ar+ku|ar+en, ADR 0065). Same policy as the DOCX.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportResponse, loadPaperExport, translationLabels } from "~/http/paper-export.server";
import { exportBlocks } from "~/domain/paper-languages";
import { paperPdf } from "~/domain/pdf/paper-pdf.server";
import { asHttp } from "~/http/page.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const exp = await loadPaperExport(request, context);
  const blocks = exportBlocks(exp.content, exp.translations ?? undefined);
  const file = await paperPdf({ title: exp.paper.title, subtitle: exp.subtitle, blocks, lang: exp.lang, labels: translationLabels(exp) }).catch(asHttp);
  return exportResponse(request, context, exp, file, "pdf");
}
