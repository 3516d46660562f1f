/**
 * Everything JSON5 the file stores use, in one module that `loadJson5` imports on first use
 * (./json5Loader.ts): importing @croct/json5-parser costs ~55 ms, which a host would otherwise pay when it
 * imports the library, before any config is read (bench/README.md, "Library import").
 */
export { JsonParseError, JsonParser } from "@croct/json5-parser"
export { isBlank, reconcile } from "./json5Document.js"
export { parseJson5Object, parseJson5Value } from "./json5Parser.js"
