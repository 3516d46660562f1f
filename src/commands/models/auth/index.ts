/**
 * models auth add | login | setup-token | paste-token | order | login-github-copilot      (spec §3.10-3.14)
 */
import * as Command from "@effect/cli/Command"
import { add } from "./add.js"
import { login } from "./login.js"
import { loginGithubCopilot } from "./login-github-copilot.js"
import { order } from "./order.js"
import { pasteToken } from "./paste-token.js"
import { setupToken } from "./setup-token.js"

export const auth = Command.make("auth").pipe(
  Command.withDescription("Add, log in to and order auth profiles (API keys, tokens, OAuth)"),
  Command.withSubcommands([add, login, setupToken, pasteToken, order, loginGithubCopilot])
)
