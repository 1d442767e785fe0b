// The embedded database's folder has one owner and is readable by it alone (ADR 0027).
import { describe, it, expect, afterEach } from "vitest";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { serverExit, startTestServer, signIn, type TestServer } from "../helpers/server.js";
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

  it("two servers on one DATA_DIR: the second exits with the message, the first keeps serving; after kill -9 a new one starts with every acknowledged write", async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir });
    started.push(first);
    // Writes the first server acknowledged (201) just before it is killed.
    const cookie = await signIn(first.url, "organizer@example.org");
    const call = async (url: string, path: string, body?: unknown) => {
      const res = await fetch(`${url}${path}`, { method: body ? "POST" : "GET", headers: { cookie, "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
      return { status: res.status, body: (await res.json()) as any };
    };
    const confs = (await call(first.url, "/api/v1/conferences")).body;
    const conf = (Array.isArray(confs) ? confs : confs.conferences)[0].id as string;
    const forceId = (await call(first.url, `/api/v1/conferences/${conf}/forces?pageSize=1`)).body.data[0].id as string;
    const summaries = Array.from({ length: 5 }, (_, i) => `written before kill -9, number ${i}`);
    for (const summary of summaries) {
      expect((await call(first.url, `/api/v1/outreach?conferenceId=${conf}`, { forceId, occurredOn: "2026-12-01", channel: "CALL", summary })).status).toBe(201);
    }
    const second = await startTestServer({ dataDir }).catch((err: Error) => err);
    expect(second).toBeInstanceOf(Error);
    const message = (second as Error).message;
    expect(message).toContain(`Data folder ${join(dataDir, "db")} is in use by process ${first.proc.pid}`);
    expect(message).not.toMatch(/\n\s+at /); // no stack trace
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    await first.kill(); // SIGKILL: no shutdown, the lock stays behind
    expect(readdirSync(dataDir)).toContain("db.lock");
    const third = await startTestServer({ dataDir });
    started.push(third);
    // The session (and its secret) survived too: the same cookie reads the rows back.
    const logged = await call(third.url, `/api/v1/outreach?conferenceId=${conf}&forceId=${forceId}&take=100`);
    expect(logged.status).toBe(200);
    expect((logged.body.entries as { summary: string }[]).map((e) => e.summary)).toEqual(expect.arrayContaining(summaries));
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

describe("an unusable data folder stops the start with one line, not the database's stack", () => {
  // Root ignores file modes, so "not writable" and "read-only" come from the system itself: a small
  // tmpfs mounted in a mount namespace of the server's own (unshare; with a user namespace when not
  // root), and, for permissions, the server run as nobody (setpriv) when the tests run as root.
  const root = process.getuid?.() === 0;
  const unshare = root ? ["unshare", "--mount"] : ["unshare", "--map-root-user", "--mount"];
  const canMount = spawnSync(unshare[0]!, [...unshare.slice(1), "sh", "-c", "mount -t tmpfs tmpfs /mnt"]).status === 0;
  const onTmpfs = (dir: string, options: string) => [...unshare, "sh", "-c", `mount -t tmpfs -o ${options} tmpfs "$0" && exec "$@"`, dir];

  /** One line naming the folder and the cause, exit code 1, no stack trace. */
  const expectOneLine = ({ code, output }: { code: number | null; output: string }, line: RegExp) => {
    expect(output.trim()).toMatch(line);
    expect(output.trim().split("\n")).toHaveLength(1);
    expect(output).not.toMatch(/\n\s+at |ErrnoError/);
    expect(code).toBe(1);
  };
  const quoted = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  it("a file where the data folder or the database folder should be", async () => {
    const file = join(tempDir(), "data");
    writeFileSync(file, "x");
    expectOneLine(await serverExit({ dataDir: file }), new RegExp(`^Data folder ${quoted(file)} is not a folder \\(a file has its name\\) \\(EEXIST\\); fix that and start again\\.$`));
    const dataDir = tempDir();
    writeFileSync(join(dataDir, "db"), "x");
    expectOneLine(await serverExit({ dataDir }), new RegExp(`^Data folder ${quoted(join(dataDir, "db"))} is not a folder .*\\(EEXIST\\)`));
  }, 240_000);

  it("a folder this user may not write in", async () => {
    const parent = tempDir();
    chmodSync(parent, 0o555);
    const dataDir = join(parent, "data");
    const wrapper = root ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] : [];
    expectOneLine(await serverExit({ dataDir, wrapper }), new RegExp(`^Data folder ${quoted(dataDir)} is not writable by this user \\(EACCES\\); fix that and start again\\.$`));
  }, 240_000);

  it.skipIf(!canMount)("a read-only file system", async () => {
    const dataDir = tempDir();
    expectOneLine(await serverExit({ dataDir, wrapper: onTmpfs(dataDir, "ro") }), new RegExp(`^Data folder ${quoted(dataDir)} is on a read-only file system \\(EROFS\\)`));
  }, 240_000);

  it.skipIf(!canMount)("a disk that fills while the new database is unpacked", async () => {
    const dataDir = tempDir();
    // Room for the lock and the session secret, not for the database's files.
    expectOneLine(await serverExit({ dataDir, wrapper: onTmpfs(dataDir, "size=256k") }), new RegExp(`^Data folder ${quoted(join(dataDir, "db"))} is on a full disk \\(ENOSPC\\)`));
  }, 240_000);
});
