import { Type } from '@fastify/type-provider-typebox';

export const RoleParam = Type.Union([Type.Literal('viewer'), Type.Literal('analyst'), Type.Literal('admin')]);

export const KeyRow = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: RoleParam,
  prefix: Type.String(),
  push_source: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  last_used_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revoked_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const CreateKeyBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), role: RoleParam },
  { additionalProperties: false },
);

export const CreatedKey = Type.Object({
  key: Type.String({ description: 'shown once; store it now' }),
  record: KeyRow,
});
