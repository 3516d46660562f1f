// `npm run fake-provider [-- --port 8787 --latency 300]`: starts the fake model provider from
// test/support/fakeProvider.ts and the fake OpenRouter (catalog fixture + chat) from test/support/fakeOpenRouter.mjs
// on 127.0.0.1, and prints a config you can use to try `models status --probe` and `models scan` without real
// keys. Failure modes are picked by a `fake-<mode>` marker in the key or model id.
import { parseArgs } from "node:util"
import { startFakeOpenRouter } from "../test/support/fakeOpenRouter.mjs"
import { loadFakeProvider } from "./lib/loadFakeProvider.mjs"

const { values } = parseArgs({
  options: { port: { type: "string", default: "0" }, latency: { type: "string", default: "0" } }
})

const { startFakeProvider, MODES } = await loadFakeProvider()

const fake = await startFakeProvider({ port: Number(values.port), latencyMs: Number(values.latency) })
// OpenRouter gets its own fake: `scan` reads `<baseUrl>/models` and probes the free models for tools and images.
const openRouter = await startFakeOpenRouter({ latencyMs: Number(values.latency) })
const config = {
  agents: { defaults: { model: { primary: "anthropic/claude-sonnet-4-5", fallbacks: ["openai/gpt-5.2"] } } },
  models: {
    providers: {
      anthropic: { baseUrl: fake.url },
      openai: { baseUrl: `${fake.url}/v1` },
      openrouter: { baseUrl: openRouter.baseUrl },
      google: { baseUrl: `${fake.url}/v1beta` }
    }
  }
}
const profiles = {
  version: 1,
  profiles: {
    "anthropic:default": { type: "api_key", provider: "anthropic", key: "sk-ant-fake-ok-0123456789" },
    "anthropic:limited": { type: "api_key", provider: "anthropic", key: "sk-ant-fake-529-0123456789" },
    "openai:default": { type: "api_key", provider: "openai", key: "sk-fake-quota-0123456789" },
    "google:default": { type: "api_key", provider: "google", key: "AIza-fake-hang-0123456789" },
    "openrouter:default": { type: "api_key", provider: "openrouter", key: openRouter.apiKey }
  }
}
console.log(`Fake provider listening on ${fake.url}, fake OpenRouter on ${openRouter.baseUrl}  (Ctrl-C to stop)

Modes (put fake-<mode> in a key or model id): ${MODES.join(", ")}

Try it in a scratch state dir:

  export CLAWDBOT_STATE_DIR=$(mktemp -d)
  mkdir -p $CLAWDBOT_STATE_DIR/agents/main/agent
  cat > $CLAWDBOT_STATE_DIR/clawdbot.json <<'JSON'
${JSON.stringify(config, null, 2)}
JSON
  cat > $CLAWDBOT_STATE_DIR/agents/main/agent/auth-profiles.json <<'JSON'
${JSON.stringify(profiles, null, 2)}
JSON
  chmod 600 $CLAWDBOT_STATE_DIR/agents/main/agent/auth-profiles.json
  bin/clawdbot models status --probe --probe-timeout 2000
  bin/clawdbot models scan
`)

const stop = () => Promise.all([fake.close(), openRouter.close()]).then(() => process.exit(0))
process.on("SIGINT", stop)
process.on("SIGTERM", stop)
