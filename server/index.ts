// Entry point: `npm start` (production build) and `npm run dev` (Vite middleware).
import { loadConfig } from "./config.js";
import { startServer } from "./app.js";
import { DataFolderError } from "./data-folder.js";

// Files the server creates (database, secret, backups) are its own alone, whatever the shell's umask.
process.umask(0o077);

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  // A bad setting or an unusable data folder stops the start with its one-line message, not a stack trace.
  console.error((err as Error).message);
  process.exit(1);
}
const running = await startServer(config).catch((err: unknown) => {
  // A data folder in use, read-only or full is one line for the operator, not a stack trace.
  if (err instanceof DataFolderError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
});

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => {
      running.services.log.error("shutdown took too long, exiting");
      process.exit(1);
    }, 15_000);
    try {
      await running.close();
      clearTimeout(timer);
      process.exit(0);
    } catch (err) {
      running.services.log.error({ err }, "error during shutdown");
      process.exit(1);
    }
  });
}
