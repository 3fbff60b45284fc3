// "Who is this person": the one question the web pages ask before they start a session. Local passwords answer
// it today; an OpenID Connect provider (Entra ID) can answer it later without the sessions or pages changing.
import type { User } from './user.js';

export type Identification =
  | { kind: 'identified'; user: User }
  /** Unknown name, wrong password or disabled user: the page says the same for each. */
  | { kind: 'refused' }
  /** Too many failures for this name or from this address. */
  | { kind: 'locked'; until: Date; by: 'user' | 'address' };

export interface PasswordCredentials {
  name: string;
  password: string;
  clientAddress: string;
}

/** Implemented by the local password check; an OIDC provider would implement a callback variant instead. */
export interface IdentityProvider {
  identify(credentials: PasswordCredentials): Promise<Identification>;
}
