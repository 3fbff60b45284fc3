// Signing in is two steps: the identity provider says who this is, then a session starts for them. Kept in one
// service so a page route makes one call; an OIDC callback would call `startFor` with the user it found.
import type { IdentityProvider, PasswordCredentials } from './identity.js';
import type { SessionsService } from './sessions.service.js';
import type { User } from './user.js';

export type SignInResult =
  | { kind: 'signed-in'; user: User; sessionId: string; expiresAt: Date }
  | { kind: 'refused' }
  | { kind: 'locked'; until: Date; by: 'user' | 'address' };

export class SignInService {
  constructor(
    private readonly identity: IdentityProvider,
    private readonly sessions: SessionsService,
  ) {}

  async signIn(credentials: PasswordCredentials): Promise<SignInResult> {
    const identified = await this.identity.identify(credentials);
    if (identified.kind !== 'identified') return identified;
    return this.startFor(identified.user);
  }

  async startFor(user: User): Promise<SignInResult> {
    const session = await this.sessions.start(user);
    return { kind: 'signed-in', user, sessionId: session.id, expiresAt: session.expiresAt };
  }
}
