/** Every failure a user can be told about. UI text for each lives in _locales (error_<code>). */
export type ErrorCode =
  | 'badCredentials'
  | 'rateLimited'
  | 'serviceDown'
  /** The service answered 5xx (e.g. its database is away): not the user's connection or password. */
  | 'serviceUnavailable'
  | 'timeout'
  | 'badAnswer'
  | 'sessionExpired'
  | 'notSignedIn'
  | 'unknownRegion'
  | 'serversDown'
  | 'proxyControlledByOther'
  /** The provider has no token issuer (an older provider): no linkable fallback, traffic blocked. */
  | 'noTokenIssuer'
  /** The token issuer's directory or answers failed the checks (too many keys, bad signatures…). */
  | 'badIssuer'
  /** Our own proxy refused a freshly minted token. */
  | 'tokenRefused'
  | 'invalidInput'
  | 'internal';

/** An error as it crosses from the background to a UI: data, never a thrown Error. */
export interface AnswerError {
  code: ErrorCode;
  message: string;
  /** For rateLimited: how long the account service asked us to wait. */
  retryAfterSeconds?: number;
}

/** An error the user can act on; thrown inside the background, sent to UIs as data. */
export class UserError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Any thrown value as a UserError: ours as they are, anything else as an internal error. */
export function toUserError(error: unknown): UserError {
  return error instanceof UserError ? error : new UserError('internal', String(error));
}
