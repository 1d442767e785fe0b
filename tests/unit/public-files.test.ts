import { afterAll, beforeAll, describe, expect, it } from "vitest";
import express from "express";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { publicFiles } from "../../server/http-guards";

describe("publicFiles", () => {
  let dir: string;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tawafuq-public-"));
    writeFileSync(join(dir, "favicon.ico"), "icon");
    mkdirSync(join(dir, "fonts"));
    writeFileSync(join(dir, "fonts", "naskh.woff2"), "font");
    const app = express();
    app.use(publicFiles(dir));
    app.use((_req, res) => void res.status(404).send("passed on"));
    server = createServer(app);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves the files that were there at start, in subfolders too, with a cache header", async () => {
    const icon = await fetch(`${base}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(await icon.text()).toBe("icon");
    expect(icon.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(await (await fetch(`${base}/fonts/naskh.woff2`)).text()).toBe("font");
  });

  it("passes every other path on to the next handler", async () => {
    for (const path of ["/invitations", "/api/v1/me", "/fonts", "/fonts/"]) {
      const res = await fetch(`${base}${path}`);
      expect([path, res.status, await res.text()]).toEqual([path, 404, "passed on"]);
    }
    writeFileSync(join(dir, "late.txt"), "added after start");
    expect((await fetch(`${base}/late.txt`)).status).toBe(404);
  });
});
