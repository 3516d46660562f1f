/**
 * Auth edits as programs: the per-agent profile order and storing a pasted token. Each returns the new state and
 * prints nothing; a secret is never part of what they return.
 */
import { createHash } from "node:crypto"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import { agentChoiceWarnings, agentDirOf, normalizeAgentId, resolveAgentId } from "../domain/agents.js"
import {
  cleanProfileIds,
  type ProfileMeta,
  recordProfileInConfig,
  type StoredCredential,
  setStoredOrder,
  storedProfileProblem,
  upsertStoredProfile
} from "../domain/authEdit.js"
import { type AuthCredential, storableCredential } from "../domain/authProfiles.js"
import type { ClawdbotConfig } from "../domain/config.js"
import { type JsonObject, sameDocument } from "../domain/configEdit.js"
import { NotFound, StateFileError, UsageError } from "../domain/errors.js"
import { compactSecret, secretProblem } from "../domain/httpHeader.js"
import { formatKeyRef, KEYCHAIN_SERVICE, splitSecrets } from "../domain/keyRef.js"
import { normalizeProviderId } from "../domain/modelRef.js"
import { validateProfileId, validateProviderId } from "../domain/profileId.js"
import { AuthStore } from "../services/AuthStore.js"
import { ConfigStore } from "../services/ConfigStore.js"
import { Environment } from "../services/Environment.js"
import { Keychain, type KeychainBackend } from "../services/Keychain.js"
import { Paths } from "../services/Paths.js"
import { Reporter } from "../services/Reporter.js"
import { Settings } from "../services/Settings.js"

/** A provider's per-agent profile order (spec §3.14); `order` is null when the agent has no override. */
export interface AuthOrder {
  readonly agentId: string
  readonly agentDir: string
  /** The agent's `auth-profiles.json`. */
  readonly authStorePath: string
  readonly provider: string
  readonly order: ReadonlyArray<string> | null
}

/** What an order edit did: the order as it now is, and whether the auth file was written. */
export type AuthOrderEdit = AuthOrder & { readonly changed: boolean }

export interface AuthOrderRequest {
  readonly provider: string
  readonly agentId?: string | undefined
}

/** `provider` checked and normalised: blank -> `Missing --provider.` (spec §3.13, §3.14). */
export const requireProvider = (raw: string) =>
  Either.mapLeft(validateProviderId(raw, "--provider"), (reason) => new UsageError({ reason }))

/**
 * Provider, agent id and agent dir of an order call. An agent the config does not list keeps its own default dir
 * (a fresh store), with a Reporter warning naming the known ids, as the reference acts.
 */
const orderTarget = (request: AuthOrderRequest) =>
  Effect.gen(function* () {
    const provider = yield* requireProvider(request.provider)
    const { config } = yield* (yield* ConfigStore).read
    const requested =
      request.agentId !== undefined && request.agentId.trim() !== ""
        ? normalizeAgentId(request.agentId)
        : undefined
    const agentId = resolveAgentId(config, requested)
    const reporter = yield* Reporter
    for (const warning of agentChoiceWarnings(config, requested)) yield* reporter.warn(warning)
    const paths = yield* Paths
    return { provider, agentId, agentDir: agentDirOf(config, agentId, paths), paths }
  })

const orderOf = (
  target: { readonly provider: string; readonly agentId: string; readonly agentDir: string },
  path: string,
  order: ReadonlyArray<string> | undefined
): AuthOrder => ({
  agentId: target.agentId,
  agentDir: target.agentDir,
  authStorePath: path,
  provider: target.provider,
  order: order ?? null
})

/** The agent's profile order override for `provider` (spec §3.14). */
export const authOrder = (request: AuthOrderRequest) =>
  Effect.gen(function* () {
    const target = yield* orderTarget(request)
    const store = yield* (yield* AuthStore).read(target.agentDir)
    return orderOf(target, store.path, store.order[target.provider])
  }).pipe(Effect.withSpan("models.auth.order.get"))

/**
 * Sets the agent's order override for `provider`: ids trimmed, blanks dropped, duplicates removed (first wins).
 * Every id must name a profile of that provider in the agent's store (or, for another agent, the main store).
 */
export const setAuthOrder = (request: AuthOrderRequest & { readonly profileIds: ReadonlyArray<string> }) =>
  Effect.gen(function* () {
    const target = yield* orderTarget(request)
    const ids = cleanProfileIds(request.profileIds)
    if (ids.length === 0)
      return yield* new UsageError({ reason: "Missing profile ids. Provide one or more profile ids." })
    const { paths, provider, agentDir } = target
    const authStore = yield* AuthStore
    // A non-main agent also sees the main store's profiles (spec §1.4); only this agent's file is written.
    const main =
      agentDir === paths.mainAgentDir ? undefined : (yield* authStore.read(paths.mainAgentDir)).profiles
    const changed = yield* authStore.modify(agentDir, (snapshot) =>
      Effect.gen(function* () {
        for (const id of ids) {
          const profile: AuthCredential | undefined = snapshot.profiles[id] ?? main?.[id]
          if (profile === undefined)
            return yield* new NotFound({
              reason: `Auth profile "${id}" not found in ${paths.shorten(agentDir)}.`
            })
          if (normalizeProviderId(profile.provider) !== provider)
            return yield* new UsageError({
              reason: `Auth profile "${id}" is for ${profile.provider}, not ${provider}.`
            })
        }
        const next = setStoredOrder(snapshot.raw, provider, ids)
        return [next, !snapshot.exists || !sameDocument(next, snapshot.raw)] as const
      })
    )
    const edit: AuthOrderEdit = { ...orderOf(target, authStore.pathFor(agentDir), ids), changed }
    return edit
  }).pipe(Effect.withSpan("models.auth.order.set"))

/** Removes the agent's order override for `provider`; clearing what is not there writes nothing. */
export const clearAuthOrder = (request: AuthOrderRequest) =>
  Effect.gen(function* () {
    const target = yield* orderTarget(request)
    const authStore = yield* AuthStore
    const existing = yield* authStore.read(target.agentDir)
    const changed =
      existing.order[target.provider] !== undefined || existing.raw.order !== undefined
        ? yield* authStore.modify(target.agentDir, (snapshot) => {
            const next = setStoredOrder(snapshot.raw, target.provider, undefined)
            return Effect.succeed([next, !sameDocument(next, snapshot.raw)] as const)
          })
        : false
    const edit: AuthOrderEdit = { ...orderOf(target, existing.path, undefined), changed }
    return edit
  }).pipe(Effect.withSpan("models.auth.order.clear"))

/** Keychain account for a profile: the id plus a short hash of the agent dir, so two state dirs never collide. */
export const keychainAccount = (agentDir: string, profileId: string) =>
  `${profileId}@${createHash("sha256").update(agentDir).digest("hex").slice(0, 8)}`

export interface StoreProfile {
  readonly agentDir: string
  readonly profileId: string
  readonly credential: StoredCredential
}

/** A profile a write replaced, without its secret: what kind it was and when it expired. */
export interface ReplacedProfile {
  readonly mode: AuthCredential["type"]
  /** Epoch ms, when it had a lifetime. */
  readonly expires?: number
}

const replacedOf = (profile: AuthCredential | undefined): ReplacedProfile | undefined => {
  if (profile === undefined) return undefined
  const expires = profile.type === "api_key" ? undefined : profile.expires
  return { mode: profile.type, ...(expires === undefined ? {} : { expires }) }
}

/** Where a credential went: the keychain that holds the secret (undefined: the file), and the profile it replaced. */
export interface StoredCredentialResult {
  readonly keychain: KeychainBackend | undefined
  readonly replaced: ReplacedProfile | undefined
}

/**
 * Writes a profile to the agent's store (locked, atomic, 0600). With the keychain opt-in (`CLAWDBOT_AUTH_STORE`, the
 * settings file, else the old `auth.store` of the config as the caller read it; src/domain/settings.ts) the secret
 * fields go to the OS keychain and the file keeps a `keyRef` (src/domain/keyRef.ts).
 * Returns the keychain backend that holds the secret (undefined when the file does) and the profile it replaced.
 */
export const storeCredential = (input: StoreProfile, config: ClawdbotConfig) =>
  Effect.gen(function* () {
    const refused = storedProfileProblem(input.profileId, input.credential)
    if (refused !== undefined) return yield* new UsageError({ reason: refused })
    const authStore = yield* AuthStore
    const storable = storableCredential(input.credential)
    if (Either.isLeft(storable))
      return yield* new StateFileError({
        path: authStore.pathFor(input.agentDir),
        operation: "write",
        reason: `profile ${input.profileId} would not load back (${storable.left}); nothing was written`
      })
    let stored = input.credential
    let keychain: KeychainBackend | undefined
    // This tool's settings win; the config's `auth.store` is the old place (migrated on its next write).
    const choice = (yield* (yield* Settings).authStore) ?? config.auth?.store
    if (choice === "keychain") {
      const { metadata, secrets } = splitSecrets(input.credential)
      const item = { service: KEYCHAIN_SERVICE, account: keychainAccount(input.agentDir, input.profileId) }
      keychain = yield* (yield* Keychain).set(item, JSON.stringify(secrets))
      stored = { ...(metadata as StoredCredential), keyRef: formatKeyRef({ ...item, backend: keychain }) }
    }
    const replaced = yield* authStore.modify(input.agentDir, (snapshot) =>
      Effect.succeed([
        upsertStoredProfile(snapshot.raw, input.profileId, stored),
        replacedOf(snapshot.profiles[input.profileId])
      ] as const)
    )
    const result: StoredCredentialResult = { keychain, replaced }
    return result
  })

/**
 * One config write: `auth.profiles[id]` metadata (never a secret) and the order rule (§3.13), plus `also` (another
 * edit of the same document, e.g. `--set-default`).
 */
export const recordProfileMeta = (
  input: { readonly profileId: string } & ProfileMeta,
  also: (doc: JsonObject) => JsonObject = (doc) => doc
) =>
  Effect.flatMap(ConfigStore, (configStore) =>
    configStore.modify((snapshot) =>
      Effect.succeed([also(recordProfileInConfig(snapshot.raw, input.profileId, input)), undefined] as const)
    )
  )

/** What was stored for a profile: where and how, never the secret. */
export interface StoredProfileInfo {
  readonly agentId: string
  readonly agentDir: string
  readonly profileId: string
  readonly provider: string
  readonly mode: StoredCredential["type"]
  /** Epoch ms, when the token has a lifetime. */
  readonly expires?: number
  /** The OS keychain that holds the secret (the keychain opt-in); absent when the auth file holds it. */
  readonly keychain?: KeychainBackend
  /** The profile of that id this one replaced (its token and expiry are gone); absent when it is new. */
  readonly replaced?: ReplacedProfile
}

export interface PasteTokenRequest {
  readonly provider: string
  readonly token: Redacted.Redacted<string>
  /** `<provider>:<name>`; default `<provider>:manual`. */
  readonly profileId?: string | undefined
  /** Lifetime from now, in ms. */
  readonly expiresInMs?: number | undefined
  /** Default: the main agent dir (spec §1.3); with an id, that agent's own dir. */
  readonly agentId?: string | undefined
}

/**
 * The provider and profile id a pasted token is stored under (default `<provider>:manual`), checked: the CLI
 * calls this before it reads the token, so a bad flag never waits for a paste.
 */
export const pasteTokenTarget = (request: Pick<PasteTokenRequest, "provider" | "profileId">) =>
  Effect.gen(function* () {
    const provider = yield* requireProvider(request.provider)
    const profileId = yield* Either.mapLeft(
      validateProfileId(request.profileId?.trim() || `${provider}:manual`, provider, {
        flag: "--profile-id",
        provider: "--provider"
      }),
      (reason) => new UsageError({ reason })
    )
    return { provider, profileId }
  })

/** The agent id and dir a pasted token goes to: the main agent dir by default (spec §1.3), else that agent's own. */
const pasteTokenDir = (config: ClawdbotConfig, agentIdFlag: string | undefined) =>
  Effect.map(Paths, (paths) => {
    const agentId = agentIdFlag === undefined ? "main" : normalizeAgentId(agentIdFlag)
    const agentDir = agentIdFlag === undefined ? paths.mainAgentDir : agentDirOf(config, agentId, paths)
    return { agentId, agentDir }
  })

/**
 * The profile a `pasteToken` of this request would replace (without its secret), or undefined when there is none:
 * the CLI asks before replacing it.
 */
export const pasteTokenWouldReplace = (
  request: Pick<PasteTokenRequest, "provider" | "profileId" | "agentId">
) =>
  Effect.gen(function* () {
    const { profileId } = yield* pasteTokenTarget(request)
    const { config } = yield* (yield* ConfigStore).read
    const { agentDir } = yield* pasteTokenDir(config, request.agentId)
    return replacedOf((yield* (yield* AuthStore).read(agentDir)).profiles[profileId])
  })

/**
 * Stores a token you already have as a `token` profile (spec §3.13) and records its metadata in the config.
 * Whitespace inside the token is removed; a token no request could carry is refused before anything is written.
 */
export const pasteToken = (request: PasteTokenRequest) =>
  Effect.gen(function* () {
    const { provider, profileId } = yield* pasteTokenTarget(request)
    const token = compactSecret(Redacted.value(request.token))
    const problem = token === "" ? "it is empty" : secretProblem(token)
    if (problem !== undefined)
      return yield* new UsageError({ reason: `This token cannot be used: ${problem}. Nothing was written.` })
    const env = yield* Environment
    const expires = request.expiresInMs === undefined ? undefined : env.now() + request.expiresInMs
    const { config } = yield* (yield* ConfigStore).read
    const { agentId, agentDir } = yield* pasteTokenDir(config, request.agentId)
    const credential: StoredCredential = {
      type: "token",
      provider,
      token,
      ...(expires === undefined ? {} : { expires })
    }
    const { keychain, replaced } = yield* storeCredential({ agentDir, profileId, credential }, config)
    yield* recordProfileMeta({ profileId, provider, mode: "token" })
    const info: StoredProfileInfo = {
      agentId,
      agentDir,
      profileId,
      provider,
      mode: "token",
      ...(expires === undefined ? {} : { expires }),
      ...(keychain === undefined ? {} : { keychain }),
      ...(replaced === undefined ? {} : { replaced })
    }
    return info
  }).pipe(Effect.withSpan("models.auth.pasteToken"))
