/**
 * `clawdbot-models/testing`: in-memory layers for a host's own tests (no disk, no network). Placeholder until
 * the lib-read branch lands its version (issue 10).
 */

export * as AuthStoreTest from "./layers/AuthStore.js"
export * as ConfigStoreTest from "./layers/ConfigStore.js"
export * as EnvironmentTest from "./layers/Environment.js"
