import { Type } from '@fastify/type-provider-typebox';

/** A value that may also be null (JSON null, never a missing key). */
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
