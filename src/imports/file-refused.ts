/**
 * Why an uploaded file cannot be read at all (as opposed to a row that has an error): too large,
 * not a type we read, or broken. `code` is the API's error code.
 */
export type FileRefusalCode =
  | 'file_too_large'
  | 'too_many_rows'
  | 'unsupported_file_type'
  | 'unreadable_file'
  | 'empty_file';

export class FileRefused extends Error {
  constructor(
    readonly code: FileRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'FileRefused';
  }
}
