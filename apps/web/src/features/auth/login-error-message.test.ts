import { describe, expect, it } from 'vitest';
import { ApiError, problemToError } from '../../api/api-error.ts';
import { interpolate, type MessageKey } from '../../i18n/messages.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import { loginErrorMessage } from './login-error-message.ts';

const t = (key: MessageKey, vars?: Record<string, string | number>) => interpolate(zhCN[key], vars);

describe('loginErrorMessage', () => {
  it('says how many attempts are left', () => {
    const error = problemToError(401, '', { title: 'Unauthorized', status: 401, remainingAttempts: 2 });
    expect(loginErrorMessage(error, t)).toBe('用户名或密码错误，还可尝试 2 次，之后账号将被锁定。');
  });

  it('says until when a locked account waits, in Beijing time', () => {
    const error = problemToError(423, '', {
      title: 'Locked',
      status: 423,
      lockedUntil: '2026-11-29T12:30:00Z',
    });
    expect(loginErrorMessage(error, t)).toContain('2026-11-29 20:30');
  });

  it('shows the server detail for other refusals and a network message when unreachable', () => {
    const disabled = problemToError(401, '', { title: 'Unauthorized', status: 401, detail: '账号已停用' });
    expect(loginErrorMessage(disabled, t)).toBe('账号已停用');
    expect(loginErrorMessage(new ApiError({ status: 0, title: 'Network error' }), t)).toBe(
      zhCN['error.network'],
    );
    expect(loginErrorMessage(new ApiError({ status: 502, title: 'Bad Gateway' }), t)).toContain('502');
  });
});
