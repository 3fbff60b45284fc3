// An API key as its listing shows it: name, role, prefix, push source and times, never the key or its hash. The
// API keys repository reads it.
import type { Role } from './role.js';

export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  keyPrefix: string;
  pushSourceId: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}
