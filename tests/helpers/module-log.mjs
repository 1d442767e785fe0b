// `node --import ./tests/helpers/module-log.mjs …`: writes the URL of every file: module the process loads
// to the file MODULE_LOG names, one a line (tests/integration/one-module-graph.test.ts).
import { register } from "node:module";
import { isMainThread } from "node:worker_threads";

// Worker threads inherit --import; the hooks registered here see their modules as well.
if (isMainThread) register("./module-log-hooks.mjs", import.meta.url);
