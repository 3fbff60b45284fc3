// Who wrote a mention: only a person's name is pseudonymised; institutions and media are public accounts.
export type AuthorKind = 'person' | 'institution' | 'media' | 'unknown';
