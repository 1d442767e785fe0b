// A member's check-in code as a QR code, drawn on the server by the qrcode package (ADR 0055, 0058): the
// badge and the delegation page show it as inline SVG (no script, no request), the mail carries it as a
// PNG (mail clients show PNG inline; many do not show SVG).
import QRCode from "qrcode";

/** What the QR holds: the code as stored (no dash), which the check-in desk reads back. */
const payload = (code: string) => code.replace(/-/g, "");

export const checkInQrSvg = (code: string) => QRCode.toString(payload(code), { type: "svg", errorCorrectionLevel: "M", margin: 1 });

/** The QR as a PNG, base64 (an outbox attachment's content is text). */
export async function checkInQrPngBase64(code: string): Promise<string> {
  const png = await QRCode.toBuffer(payload(code), { type: "png", errorCorrectionLevel: "M", margin: 2, width: 240 });
  return png.toString("base64");
}
