/**
 * An error a command reports to the user as it is, without a stack trace:
 * the message already states what went wrong and what to do.
 */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';

  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
