// The production server's build (ADR 0036), run by `remix vite:build` through this Vite plugin:
// 1. the Remix server build gets a second entry, build/server/server-exports.js (app/server-exports.server.ts),
//    sharing its chunks with index.js, so both reach the same copy of every app/ module;
// 2. once that build is written, esbuild compiles server/**/*.ts file by file into server-build/ (same
//    layout, so paths taken from import.meta.url — workers, migrations, package.json — still hold),
//    with packages left to node_modules and app/ reached only through build/server/server-exports.js.
import { cpSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { build, type Plugin as EsbuildPlugin } from "esbuild";
import type { Plugin } from "vite";

export const SERVER_EXPORTS = "app/server-exports.server.ts";
const SERVER_EXPORTS_BUILT = "build/server/server-exports.js";
const OUT_DIR = "server-build";

/** Relative imports: server/ files stay separate files; app/ is the Remix build's; anything else is refused. */
function linkToRemixBuild(root: string): EsbuildPlugin {
  const serverDir = join(root, "server") + sep;
  const bridge = join(root, SERVER_EXPORTS);
  return {
    name: "link-to-remix-build",
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        const target = resolve(args.resolveDir, args.path);
        if (target.startsWith(serverDir)) return { path: args.path, external: true };
        if (target.replace(/\.js$/, ".ts") === bridge) {
          const importerOut = join(root, OUT_DIR, relative(serverDir, args.importer));
          let path = relative(dirname(importerOut), join(root, SERVER_EXPORTS_BUILT));
          if (!path.startsWith(".")) path = `./${path}`;
          return { path, external: true };
        }
        return { errors: [{ text: `server/ reaches app/ only through ${SERVER_EXPORTS} (ADR 0036), not ${relative(root, target)}` }] };
      });
    },
  };
}

export async function compileServer(root: string) {
  const serverDir = join(root, "server");
  const files = (readdirSync(serverDir, { recursive: true }) as string[]).map((f) => join(serverDir, f));
  rmSync(join(root, OUT_DIR), { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: files.filter((f) => f.endsWith(".ts")),
    outdir: join(root, OUT_DIR),
    outbase: serverDir,
    // Bundling only to run the resolver above: every import stays external, so each file compiles alone.
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    plugins: [linkToRemixBuild(root)],
    logLevel: "warning",
  });
  // The worker threads' plain JavaScript, loaded by URL.
  for (const f of files.filter((f) => f.endsWith(".mjs"))) cpSync(f, join(root, OUT_DIR, relative(serverDir, f)));
}

export function productionServer(): Plugin {
  let ssr = false;
  let root = "";
  return {
    name: "tawafuq-production-server",
    apply: "build",
    configResolved(config) {
      ssr = !!config.build.ssr;
      root = config.root;
    },
    buildStart() {
      if (ssr) this.emitFile({ type: "chunk", id: join(root, SERVER_EXPORTS), fileName: "server-exports.js", preserveSignature: "strict" });
    },
    async closeBundle() {
      if (ssr) await compileServer(root);
    },
  };
}
