import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { ValidationError } from '@govdata/domain';

/**
 * The demo accounts' password, published in the README and printed at start. It may never protect a real account:
 * refused for every new password when NODE_ENV=production (and weak anyway).
 */
export const PUBLISHED_DEMO_PASSWORD = 'Govdata@2026';

/** zxcvbn score (0–4) a password needs: 3 = "safely unguessable: moderate protection from offline attacks". */
export const MIN_PASSWORD_SCORE = 3;

/** built on first use: loading the common dictionaries takes about a second */
let estimator: ZxcvbnFactory | undefined;
const strength = () => (estimator ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }));

const refuse = (message: string) => new ValidationError(`密码：${message}`, [{ path: 'body.password', message }], 'user.weak_password');

/**
 * The password policy beyond the schema's length and character classes (issue 13 item 7): it must not contain the
 * username, must not be the published demo password in production, and must be hard to guess by the zxcvbn-ts
 * estimator with the common dictionaries (top passwords, names, keyboard patterns, dates, l33t), which also knows
 * the platform's own words and the person's name.
 */
export async function assertAcceptablePassword(password: string, who: { username: string; displayName?: string }, options: { production: boolean }): Promise<void> {
  const lower = password.normalize('NFKC').toLowerCase();
  if (who.username.length >= 3 && lower.includes(who.username.toLowerCase())) throw refuse('不能包含用户名');
  if (options.production && password === PUBLISHED_DEMO_PASSWORD) throw refuse('不能使用公开的演示密码');
  const result = await strength().check(password, [who.username, who.displayName ?? '', 'govdata', 'shuozhou', 'sz', '朔州', '数据局', '政务数据'].filter(Boolean));
  if (result.score < MIN_PASSWORD_SCORE) {
    throw refuse('太容易被猜到（常见密码、单词加数字、键盘序列、重复字符或日期）。请使用更长且不常见的组合，例如三四个不相关的词加数字和符号');
  }
}
