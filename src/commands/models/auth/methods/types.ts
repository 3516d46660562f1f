import type { StoredCredential } from "../../../../domain/authEdit.js"

/** What a login method produces: one profile to store (spec §3.11 step 6). */
export interface LoginResult {
  readonly profileId: string
  readonly credential: StoredCredential
}
