// Text of a PDF as pdf.js extracts it (what copy, search and screen readers get), one string per page.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export async function pdfText(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(
      content.items
        .map((i) => ("str" in i ? i.str + (i.hasEOL ? "\n" : "") : ""))
        .join("")
        .replace(/[ \t]+/g, " "),
    );
  }
  await pdf.destroy();
  return pages;
}

/** The text items of a PDF's pages as pdf.js extracts them, in the order written, each with its font's name. */
export async function pdfItems(bytes: Uint8Array): Promise<{ str: string; font: string }[][]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0, fontExtraProperties: true }).promise;
  const pages: { str: string; font: string }[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    // The operator list loads the fonts, whose names ("ABCDEF+Vazirmatn-Bold") the items only refer to.
    await page.getOperatorList();
    const nameOf = (id: string) => (page.commonObjs.get(id) as { name?: string }).name ?? id;
    pages.push(content.items.flatMap((i) => ("str" in i && i.str.trim() ? [{ str: i.str, font: nameOf(i.fontName) }] : [])));
  }
  await pdf.destroy();
  return pages;
}
