// npm run backup -- --out FILE [--conference SLUG]    npm run restore -- FILE
// The database is the server's (DATA_DIR or DATABASE_URL, server/config.ts). The passphrase comes from
// BACKUP_PASSPHRASE or is typed on the terminal, never from the command line (it would show in `ps`).
// With the embedded database the data folder has one owner (ADR 0027): while the server runs, download a
// backup from the organizer page (/backup) or stop the server first.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import { DataFolderError, explainFsError } from "../data-folder.js";
import { BackupError, checkPassphrase, createBackup, findConference, restoreBackup } from "./index.js";

const usage = "usage: npm run backup -- --out FILE [--conference SLUG]   |   npm run restore -- FILE";

/** Reads a line from the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) return Promise.reject(new BackupError("Set BACKUP_PASSPHRASE, or run this on a terminal to type the passphrase."));
  process.stderr.write(question);
  input.setRawMode(true);
  input.resume();
  input.setEncoding("utf8");
  let typed = "";
  return new Promise((done, fail) => {
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") {
          finish();
          return done(typed);
        }
        if (ch === "\u0003") {
          finish();
          return fail(new BackupError("Cancelled."));
        }
        if (ch === "\u007f" || ch === "\b") typed = [...typed].slice(0, -1).join("");
        else typed += ch;
      }
    };
    const finish = () => {
      input.off("data", onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write("\n");
    };
    input.on("data", onData);
  });
}

async function passphrase(confirm: boolean): Promise<string> {
  const fromEnv = process.env.BACKUP_PASSPHRASE;
  if (fromEnv) return checkPassphrase(fromEnv);
  const first = checkPassphrase(await askHidden("Backup passphrase: "));
  if (confirm && (await askHidden("Again: ")) !== first) throw new BackupError("The two passphrases differ.");
  return first;
}

async function openServerDatabase() {
  const config = loadConfig();
  const db = await openDatabase({ url: config.databaseUrl, dataDir: join(config.dataDir, "db") });
  return { config, db };
}

async function backup(args: string[]) {
  const { values } = parseArgs({ args, options: { out: { type: "string" }, conference: { type: "string" } } });
  if (!values.out) throw new BackupError(usage);
  const out = resolve(values.out);
  const pass = await passphrase(true);
  const { config, db } = await openServerDatabase();
  try {
    const conf = await findConference(db.sql, values.conference);
    const { file } = await createBackup(db.sql, { conferenceId: conf.id, passphrase: pass, app: config.version });
    try {
      // Never over an existing file; only this user may read it.
      writeFileSync(out, file, { mode: 0o600, flag: "wx" });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") throw new BackupError(`${out} exists already: choose another name.`);
      throw explainFsError(out, err, "Backup file");
    }
    console.log(`Backed up conference ${conf.slug} to ${out} (${file.length} bytes, encrypted).`);
  } finally {
    await db.close();
  }
}

async function restore(args: string[]) {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new BackupError(usage);
  let file: Buffer;
  try {
    file = readFileSync(resolve(positionals[0]!));
  } catch (err) {
    throw new BackupError(`Cannot read ${positionals[0]}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
  const pass = await passphrase(false);
  const { db } = await openServerDatabase();
  try {
    const { header, rows } = await restoreBackup(db.sql, file, pass);
    console.log(`Restored conference ${header.conference} (${rows} rows) from the backup of ${header.createdAt} (Tawafuq ${header.app}) into ${db.kind}.`);
    console.log("Members sign in again; API tokens are not part of a backup. Second factors need the same SESSION_SECRET (or session-secret file).");
  } finally {
    await db.close();
  }
}

// Like the server: what this writes (the backup, a restored database) is this user's alone.
process.umask(0o077);
const [command, ...rest] = process.argv.slice(2);
try {
  if (command === "backup") await backup(rest);
  else if (command === "restore") await restore(rest);
  else throw new BackupError(usage);
} catch (err) {
  // Refusals are one line for the operator, not a stack trace.
  if (err instanceof BackupError || err instanceof DataFolderError || (err as NodeJS.ErrnoException).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    console.error((err as Error).message);
    process.exit(1);
  }
  throw err;
}
