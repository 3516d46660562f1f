/**
 * node:http behind a module of our own, so `import("./nodeHttp.js")` stays inside the bundle: esbuild turns it
 * into a lazy require that runs on first use (a bare `import("node:http")` would need a dynamic-import hook the
 * vm.Script launcher does not have), and the build does not count it as a start-up built-in.
 */
export { createServer } from "node:http"
