// The embedded database's folder has one owner (ADR 0027): a second process on the same folder would
// write the same files, each acknowledging writes the other never sees. A lock file beside the folder
// names the owning process; a lock whose process is gone (a crash, kill -9) is stale and taken over.
// Everything under the data folder is the owner's alone: folders 0700, files 0600, whatever the umask.
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, readdirSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";

/** A clear, one-line reason the server cannot use its data folder (no database stack trace). */
export class DataFolderError extends Error {
  override name = "DataFolderError";
}

interface LockBody {
  pid: number;
  host: string;
  since: string;
}

const lockPathOf = (folder: string) => join(dirname(folder), `${basename(folder)}.lock`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

// PGlite's file system (Emscripten) reports errno numbers of its own instead of Node's codes; from the
// database thread they arrive as a plain { name: "ErrnoError", errno }.
const EMSCRIPTEN_CODES: Record<number, string> = { 2: "EACCES", 19: "EDQUOT", 51: "ENOSPC", 54: "ENOTDIR", 63: "EPERM", 69: "EROFS" };

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; name?: unknown; errno?: unknown } | null | undefined;
  if (typeof e?.code === "string") return e.code;
  if (e?.name === "ErrnoError" && typeof e.errno === "number") return EMSCRIPTEN_CODES[e.errno];
  return undefined;
}

/** Turns file-system refusals into sentences an operator can act on. */
export function explainFsError(folder: string, err: unknown, what = "Data folder"): Error {
  const code = codeOf(err);
  const why: Record<string, string> = {
    EACCES: "is not writable by this user",
    EPERM: "is not writable by this user",
    EROFS: "is on a read-only file system",
    ENOSPC: "is on a full disk",
    EDQUOT: "is over its disk quota",
    ENOTDIR: "is not a folder (a file has its name)",
    // mkdir -p where a file has the folder's name.
    EEXIST: "is not a folder (a file has its name)",
  };
  if (code && why[code]) return new DataFolderError(`${what} ${folder} ${why[code]} (${code}); fix that and start again.`);
  return err instanceof Error ? err : new Error(`${what} ${folder} could not be opened: ${JSON.stringify(err)}`);
}

/**
 * Claims `folder` for this process, creating it (0700) if needed. Throws DataFolderError when another
 * live process holds it. release() removes the lock; it is also removed when the process exits.
 */
export function claimDataFolder(folder: string): { release(): void } {
  const lockPath = lockPathOf(folder);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    restrictTree(folder);
  } catch (err) {
    throw explainFsError(folder, err);
  }
  const body: LockBody = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      // O_EXCL: of two processes starting at once, exactly one creates the file.
      const fd = openSync(lockPath, "wx", 0o600);
      writeSync(fd, JSON.stringify(body));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw explainFsError(folder, err);
      if (attempt > 2) throw new DataFolderError(`Data folder ${folder}: its lock ${lockPath} could not be taken over; remove it and start again.`);
      const owner = readLock(lockPath);
      if (owner && owner.pid !== process.pid && (owner.host !== body.host || alive(owner.pid))) {
        const where = owner.host === body.host ? `process ${owner.pid}` : `process ${owner.pid} on ${owner.host}`;
        throw new DataFolderError(`Data folder ${folder} is in use by ${where} since ${owner.since}; stop it first, or give this server another DATA_DIR.`);
      }
      // Stale (its process is gone) or unreadable: take it over.
      try {
        unlinkSync(lockPath);
      } catch {}
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    // Only our own lock: never remove one a successor took after a stale takeover.
    if (readLock(lockPath)?.pid === process.pid) {
      try {
        unlinkSync(lockPath);
      } catch {}
    }
  };
  process.on("exit", release);
  return { release };
}

function readLock(path: string): LockBody | null {
  try {
    const body = JSON.parse(readFileSync(path, "utf8")) as LockBody;
    return Number.isInteger(body.pid) ? body : null;
  } catch {
    return null;
  }
}

/** Folders 0700 and files 0600 under `folder`, for data written by earlier versions or another umask. */
export function restrictTree(folder: string): void {
  chmodSync(folder, 0o700);
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) chmodSync(path, 0o700);
    else if (entry.isFile() && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
}
