// One module graph in production (ADR 0036): the server `npm run serve` starts loads every app/ module
// once, from the Remix build the routes use, and none of app/'s sources beside it. With two copies there
// were two DomainError classes: the collab server's paper store threw one the routes' error adapters did
// not recognise (`instanceof` false), so a domain refusal became a 500.
import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { startTestServer, signIn } from "../helpers/server.js";

describe("production server", () => {
  it("loads app/ once, from the Remix build", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tawafuq-modules-"));
    const log = join(dir, "modules.txt");
    try {
      const server = await startTestServer({ env: { MODULE_LOG: log }, nodeArgs: ["--import", "./tests/helpers/module-log.mjs"] });
      try {
        // A page and a live connection's handshake, so modules loaded on first use are counted too.
        const cookie = await signIn(server.url, "organizer@example.org");
        expect((await fetch(`${server.url}/invitations`, { headers: { cookie } })).status).toBe(200);
        expect((await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { cookie } })).status).toBe(200);
      } finally {
        await server.stop();
      }
      const loaded = [...new Set(readFileSync(log, "utf8").split("\n").filter(Boolean))]
        .map((url) => relative(process.cwd(), fileURLToPath(url)))
        // The project's own files (node_modules is elsewhere or below).
        .filter((path) => !path.startsWith("..") && !path.startsWith("node_modules"));
      expect(loaded).toContain("build/server/index.js");
      expect(loaded.filter((path) => /^(app|prisma)\//.test(path))).toEqual([]);
      const domainErrorClasses = loaded.filter((path) => /\bclass DomainError\b/.test(readFileSync(path, "utf8")));
      expect(domainErrorClasses).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
