// The Dutch words of the web pages that are not in a template: role names, field names, problems.
import type { ProblemCode, UserRole } from '../users/user.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../users/user.js';

export const ROLE_LABELS: Record<UserRole, string> = {
  kcc: 'KCC-medewerker',
  team: 'Teamlid',
  coordinator: 'Coördinator',
  analyst: 'Analist',
  admin: 'Beheerder',
};

export const ROLE_TEXTS: Record<UserRole, string> = {
  kcc: 'Als KCC-medewerker registreert u de vragen van inwoners die binnenkomen per telefoon, e-mail, balie of webformulier.',
  team: 'Als teamlid behandelt u de vragen die naar uw team zijn doorgestuurd en beantwoordt u ze.',
  coordinator:
    'Als coördinator houdt u de wachtrij van vragen bij: u stuurt vragen door, bewaakt de termijnen en sluit vragen af.',
  analyst: 'Als analist bekijkt u wat inwoners zeggen en vragen, per onderwerp en in de tijd.',
  admin: 'Als beheerder maakt u gebruikers aan en schakelt u ze uit.',
};

export const PROBLEM_TEXTS: Record<ProblemCode, string> = {
  'name.empty': 'Vul een gebruikersnaam in.',
  'name.pattern':
    'Gebruik 2 tot 64 tekens: letters, cijfers, punt, streepje, liggend streepje of @, en begin met een letter of cijfer.',
  'name.taken': 'Deze gebruikersnaam is al in gebruik. Kies een andere naam.',
  'role.unknown': 'Kies een rol uit de lijst.',
  'team.unknown': 'Dit team bestaat niet. Kies een team uit de lijst.',
  'team.required': 'Een teamlid hoort bij een team. Kies een team.',
  'password.short': `Gebruik minstens ${MIN_PASSWORD_LENGTH} tekens.`,
  'password.long': `Gebruik hoogstens ${MAX_PASSWORD_LENGTH} tekens.`,
  'password.same': 'Kies een ander wachtwoord dan het huidige.',
  'current.wrong': 'Het huidige wachtwoord klopt niet.',
  'repeat.differs': 'Dit is niet gelijk aan het nieuwe wachtwoord.',
};

/** One error as the pages show it: the field's id (for the link), its label and the message. */
export interface PageError {
  id: string;
  label: string;
  message: string;
}
