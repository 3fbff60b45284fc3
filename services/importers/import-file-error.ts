// A problem with the file as a whole (empty, binary, unknown header, wrong delimiter, unreadable workbook):
// nothing in it can be imported until the user fixes or re-exports it.
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}
