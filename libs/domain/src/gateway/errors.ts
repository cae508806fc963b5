import { DomainError } from '../errors';

/**
 * An OAuth 2.0 token-endpoint error (RFC 6749 §5.2): problem+json carrying the standard `error` member, so OAuth
 * client libraries understand it too. `invalid_client` is 401, the others 400.
 */
export class OAuthError extends DomainError {
  readonly status: number;
  readonly title = '令牌申请失败';
  constructor(error: 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope', message: string) {
    super(message, `oauth.${error}`, { error, error_description: message });
    this.status = error === 'invalid_client' ? 401 : 400;
  }
}
