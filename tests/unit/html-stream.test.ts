import { describe, expect, it } from "vitest";
import { createElement as h } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { PassThrough, type Transform } from "node:stream";
import { withoutZeroPadding } from "../../app/http/html-stream.server";

/** Many short Arabic strings after `pad` ASCII bytes: multi-byte characters land on React's 2 KB chunk ends. */
const page = (pad: number) =>
  h("div", null, "a".repeat(pad), ...Array.from({ length: 600 }, (_, i) => h("span", { key: i, title: "والملاحظات" }, "بحث")));

async function render(pad: number, body: Transform): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    const { pipe } = renderToPipeableStream(page(pad), {
      onAllReady() {
        body.on("data", (c: Buffer) => chunks.push(c));
        body.on("end", resolve);
        pipe(body);
      },
      onShellError: reject,
    });
  });
  return Buffer.concat(chunks);
}

const zeros = (b: Buffer) => b.filter((x) => x === 0).length;

describe("the page's byte stream", () => {
  it("React 18 alone pads chunks with zero bytes in Arabic text (the bug this works around)", async () => {
    const plain = await Promise.all([0, 1, 2, 3].map((pad) => render(pad, new PassThrough())));
    expect(plain.map(zeros).reduce((a, b) => a + b)).toBeGreaterThan(0);
  });

  it("reaches the client as valid UTF-8 with every character and no zero byte", async () => {
    for (const pad of [0, 1, 2, 3, 4, 5]) {
      const bytes = await render(pad, withoutZeroPadding());
      expect(zeros(bytes)).toBe(0);
      const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      expect(text.match(/<span title="والملاحظات">بحث<\/span>/g)).toHaveLength(600);
    }
  });
});
