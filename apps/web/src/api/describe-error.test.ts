import { describe, expect, it } from 'vitest';
import { interpolate, type MessageKey } from '../i18n/messages.ts';
import { zhCN } from '../i18n/zh-CN.ts';
import { ApiError, problemToError } from './api-error.ts';
import { describeError } from './describe-error.ts';

const t = (key: MessageKey, vars?: Record<string, string | number>) => interpolate(zhCN[key], vars);

describe('describeError', () => {
  it('puts our sentence first and the server reason after it', () => {
    const error = problemToError(403, '', { title: 'Forbidden', status: 403, detail: 'needs system-admin' });
    expect(describeError(error, t)).toBe('您没有执行此操作的权限。（needs system-admin）');
  });

  it('lists field problems for invalid input', () => {
    const error = problemToError(400, '', {
      title: 'Invalid request',
      status: 400,
      errors: [{ path: 'body/password', message: 'too short' }],
    });
    expect(describeError(error, t)).toBe('输入有误，请按提示修改。（body/password: too short）');
  });

  it('does not show a proxy error page as a reason', () => {
    expect(describeError(new ApiError({ status: 404, title: 'Not Found' }), t)).toBe(
      zhCN['error.notFoundResource'],
    );
    expect(describeError(new ApiError({ status: 503, title: 'Service Unavailable' }), t)).toContain('503');
    expect(describeError(new Error('boom'), t)).toBe(zhCN['error.unknown']);
  });
});
