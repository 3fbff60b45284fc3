// The public shape of a real repository class, for a fake to `implements`: the classes keep their database handle
// private, and a class with a private member cannot be implemented, but its public methods can, so the compiler
// holds each fake to the real signatures.
export type PublicShape<T> = { [K in keyof T]: T[K] };
