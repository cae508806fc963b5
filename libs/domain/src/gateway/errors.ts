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

/**
 * 接口服务 (issue 15 §2): the provider's upstream interface failed — 502 when it answered wrongly (an error status, a
 * redirect, a body that is not the agreed JSON or over the size cap), 504 when it did not answer in time, and 503
 * while its circuit is open (with Retry-After). The message names what went wrong, never the upstream's body.
 */
export class UpstreamError extends DomainError {
  readonly status: number;
  readonly title: string;
  constructor(kind: 'bad_gateway' | 'timeout' | 'circuit_open', message: string, retryAfterSeconds?: number) {
    super(message, `gateway.upstream_${kind}`, retryAfterSeconds ? { retryAfterSeconds } : {});
    this.status = kind === 'timeout' ? 504 : kind === 'circuit_open' ? 503 : 502;
    this.title = kind === 'circuit_open' ? '上游接口暂停调用' : '上游接口异常';
  }
}
