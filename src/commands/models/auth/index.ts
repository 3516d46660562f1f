/**
 * models auth add | login | setup-token | paste-token | order | login-github-copilot      (spec §3.10-3.14)
 *             | list | remove | clear-cooldown
 */
import * as Command from "@effect/cli/Command"
import { add } from "./add.js"
import { clearCooldown } from "./clear-cooldown.js"
import { list } from "./list.js"
import { login } from "./login.js"
import { loginGithubCopilot } from "./login-github-copilot.js"
import { order } from "./order.js"
import { pasteToken } from "./paste-token.js"
import { remove } from "./remove.js"
import { setupToken } from "./setup-token.js"

export const auth = Command.make("auth").pipe(
  Command.withDescription("Add, log in to, list, order and remove auth profiles (API keys, tokens, OAuth)"),
  Command.withSubcommands([
    add,
    login,
    setupToken,
    pasteToken,
    order,
    loginGithubCopilot,
    list,
    remove,
    clearCooldown
  ])
)
