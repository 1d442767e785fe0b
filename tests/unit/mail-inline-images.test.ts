// The mail reader's inline images (ADR 0058's check-in QR): only a cid: naming one of the mail's own
// attachments, of an image type a browser shows without running anything, with the alt text the HTML gives.
import { describe, it, expect } from "vitest";
import { inlineImagesOf } from "~/domain/mail/mailbox.server";

const png = { filename: "checkin-code.png", contentType: "image/png", content: "iVBORw0KGgo=", encoding: "base64" as const };

describe("inlineImagesOf", () => {
  it("finds the mail's own cid: image with its alt text and size", () => {
    const html = `<p>hi</p><p><img src="cid:qr@tawafuq" width="240" height="240" alt="AB&amp;CD-&quot;1&quot;"></p>`;
    const attachments = [{ index: 0, filename: "invite.ics", contentType: "text/calendar", content: "x" }, { index: 1, ...png, cid: "qr@tawafuq" }];
    expect(inlineImagesOf({ html, attachments })).toEqual([{ index: 1, alt: 'AB&CD-"1"', width: 240, height: 240 }]);
  });

  it("shows nothing for a cid no attachment carries, an outside source, an SVG or a non-image", () => {
    const html = [
      `<img src="cid:missing">`,
      `<img src="https://tracker.example/p.png" alt="x">`,
      `<img src="cid:svg" alt="svg">`,
      `<img src="cid:ics" alt="ics">`,
      `<img src="data:image/png;base64,AAAA">`,
    ].join("");
    const attachments = [
      { index: 0, filename: "a.svg", contentType: "image/svg+xml", content: "<svg/>", cid: "svg" },
      { index: 1, filename: "a.ics", contentType: "text/calendar", content: "x", cid: "ics" },
      { index: 2, ...png },
    ];
    expect(inlineImagesOf({ html, attachments })).toEqual([]);
  });

  it("names an image once however often the HTML shows it, and falls back to its file name for alt", () => {
    const html = `<img src="cid:qr"><img src="cid:qr">`;
    expect(inlineImagesOf({ html, attachments: [{ index: 0, ...png, cid: "qr" }] })).toEqual([{ index: 0, alt: "checkin-code.png", width: null, height: null }]);
  });
});
