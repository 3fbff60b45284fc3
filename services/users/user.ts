// Who may sign in to the web pages: the domain words of the users module, and the checks on them.
export const USER_ROLES = ['kcc', 'team', 'coordinator', 'analyst', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface User {
  id: string;
  name: string;
  role: UserRole;
  /** The team a team member belongs to; null for the other roles. */
  teamId: string | null;
  mustChangePassword: boolean;
  createdAt: Date;
  disabledAt: Date | null;
}

export interface Team {
  id: string;
  name: string;
}

export function isUserRole(value: string): value is UserRole {
  return (USER_ROLES as readonly string[]).includes(value);
}

export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;
export const MIN_PASSWORD_LENGTH = 12;
/** argon2 is slow on purpose; a longer password only costs the server time. */
export const MAX_PASSWORD_LENGTH = 256;

/** What can be wrong with a field; the web pages say each in Dutch (services/web/messages.ts). */
export type ProblemCode =
  | 'name.empty'
  | 'name.pattern'
  | 'name.taken'
  | 'role.unknown'
  | 'team.unknown'
  | 'team.required'
  | 'password.short'
  | 'password.long'
  | 'password.same'
  | 'current.wrong'
  | 'repeat.differs';

/** A problem with one field of a user: a code for the pages, an English sentence for the command line. */
export interface FieldProblem {
  field: 'name' | 'role' | 'team' | 'password' | 'current' | 'repeat';
  code: ProblemCode;
  en: string;
}

export class UserInputError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((problem) => problem.en).join('; '));
    this.name = 'UserInputError';
  }
}

export interface NewUser {
  name: string;
  role: string;
  team?: string | null;
  password?: string | null;
}

/** Checks a new user against the roles and the configured teams; every problem at once. */
export function checkNewUser(input: NewUser, teams: readonly Team[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const name = input.name.trim();
  if (name === '') {
    problems.push({ field: 'name', code: 'name.empty', en: 'the name is empty' });
  } else if (!NAME_PATTERN.test(name)) {
    problems.push({
      field: 'name',
      code: 'name.pattern',
      en: 'the name must be 2-64 characters of letters, digits, . _ @ - and start with a letter or digit',
    });
  }
  if (!isUserRole(input.role)) {
    problems.push({
      field: 'role',
      code: 'role.unknown',
      en: `unknown role "${input.role.slice(0, 40)}"; use one of ${USER_ROLES.join(', ')}`,
    });
  }
  const team = input.team?.trim() ? input.team.trim() : null;
  if (team !== null && !teams.some((known) => known.id === team)) {
    problems.push({
      field: 'team',
      code: 'team.unknown',
      en: `unknown team "${team.slice(0, 40)}"; ${teams.length === 0 ? 'no teams are configured (teams: in the config file)' : `use one of ${teams.map((known) => known.id).join(', ')}`}`,
    });
  }
  if (input.role === 'team' && team === null) {
    problems.push({
      field: 'team',
      code: 'team.required',
      en: 'a user with the team role needs --team',
    });
  }
  if (input.password !== undefined && input.password !== null)
    problems.push(...checkPassword(input.password));
  return problems;
}

export function checkPassword(password: string): FieldProblem[] {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return [
      {
        field: 'password',
        code: 'password.short',
        en: `the password must have at least ${MIN_PASSWORD_LENGTH} characters`,
      },
    ];
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return [
      {
        field: 'password',
        code: 'password.long',
        en: `the password may have at most ${MAX_PASSWORD_LENGTH} characters`,
      },
    ];
  }
  return [];
}
