// Module hooks of module-log.mjs (they run on the loader's own thread).
import { appendFileSync } from "node:fs";

export async function load(url, context, nextLoad) {
  if (url.startsWith("file:") && process.env.MODULE_LOG) appendFileSync(process.env.MODULE_LOG, `${url}\n`);
  return nextLoad(url, context);
}
