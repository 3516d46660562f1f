// Loads test/support/fakeProvider.ts from plain Node (see importTypeScript.mjs).
import { importTypeScript } from "./importTypeScript.mjs"

export const loadFakeProvider = () =>
  importTypeScript(new URL("../../test/support/fakeProvider.ts", import.meta.url))
