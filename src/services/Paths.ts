import * as Context from "effect/Context"

/** Where state lives (spec §1.1, §1.3). */
export class Paths extends Context.Tag("clawdbot/Paths")<
  Paths,
  {
    readonly home: string
    readonly stateDir: string
    readonly configPath: string
    /** `CLAWDBOT_AGENT_DIR` › `PI_CODING_AGENT_DIR` › `<state>/agents/main/agent`. */
    readonly mainAgentDir: string
    /** `<state>/agents/<id>/agent` (per-agent commands; `agentDir` from the config wins, see domain/paths). */
    readonly agentDirOf: (agentId: string) => string
    /** Replaces the home prefix with `~` for display. */
    readonly shorten: (path: string) => string
  }
>() {}
