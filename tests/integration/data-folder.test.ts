// The embedded database's folder has one owner and is readable by it alone (ADR 0027).
import { describe, it, expect, afterEach } from "vitest";
import { mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { startTestServer, signIn, type TestServer } from "../helpers/server.js";
import { claimDataFolder, DataFolderError } from "../../server/data-folder.js";

const started: TestServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) await s.kill().catch(() => {});
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "tawafuq-folder-"));
  dirs.push(d);
  return d;
};

describe("one owner per data folder", () => {
  it("a second process on the same folder refuses in one line naming the folder and the owner's PID", () => {
    const folder = join(tempDir(), "db");
    const lock = claimDataFolder(folder);
    // A live process other than us (our parent) holds it: simulate by writing its PID into the lock.
    lock.release();
    writeFileSync(`${folder}.lock`, JSON.stringify({ pid: process.ppid, host: hostname(), since: "2026-12-06T00:00:00Z" }));
    expect(() => claimDataFolder(folder)).toThrow(DataFolderError);
    expect(() => claimDataFolder(folder)).toThrow(new RegExp(`^Data folder ${folder} is in use by process ${process.ppid} since`));
  });

  it("a lock left by a dead process (kill -9) is stale and taken over", () => {
    const folder = join(tempDir(), "db");
    writeFileSync(`${folder}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: "2026-12-06T00:00:00Z" }));
    const lock = claimDataFolder(folder);
    lock.release();
    expect(readdirSync(join(folder, ".."))).not.toContain("db.lock");
  });

  it("two servers on one DATA_DIR: the second exits with the message, the first keeps serving; after kill -9 a new one starts", async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir });
    started.push(first);
    const second = await startTestServer({ dataDir }).catch((err: Error) => err);
    expect(second).toBeInstanceOf(Error);
    const message = (second as Error).message;
    expect(message).toContain(`Data folder ${join(dataDir, "db")} is in use by process ${first.proc.pid}`);
    expect(message).not.toMatch(/\n\s+at /); // no stack trace
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    await first.kill();
    const third = await startTestServer({ dataDir });
    started.push(third);
    await signIn(third.url, "organizer@example.org");
  }, 400_000);
});

describe("the data folder is the server's alone", () => {
  it("folders are 0700 and files 0600 whatever the umask, files from before included", async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, "db"), { recursive: true, mode: 0o755 });
    writeFileSync(join(dataDir, "db", "left-over"), "x", { mode: 0o666 });
    const server = await startTestServer({ dataDir });
    started.push(server);
    await signIn(server.url, "organizer@example.org"); // writes a session row: WAL files
    const loose: string[] = [];
    for (const e of readdirSync(dataDir, { withFileTypes: true, recursive: true })) {
      const path = join(e.parentPath, e.name);
      const mode = statSync(path).mode & 0o777;
      if ((e.isDirectory() && mode !== 0o700) || (e.isFile() && mode !== 0o600)) loose.push(`${path} ${mode.toString(8)}`);
    }
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(loose).toEqual([]);
  }, 240_000);
});
