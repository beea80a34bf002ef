import { describe, expect, it } from 'vitest';
import { fieldErrorsByName, problemToError } from './api-error.ts';

describe('problemToError', () => {
  it('reads the problem members and keeps extensions', () => {
    const error = problemToError(401, 'Unauthorized', {
      type: 'urn:ronghui:auth:bad-credentials',
      title: '用户名或密码错误',
      status: 401,
      detail: '还可尝试 2 次',
      remainingAttempts: 2,
    });
    expect(error.status).toBe(401);
    expect(error.title).toBe('用户名或密码错误');
    expect(error.detail).toBe('还可尝试 2 次');
    expect(error.isProblem).toBe(true);
    expect(error.numberExtension('remainingAttempts')).toBe(2);
    expect(error.stringExtension('remainingAttempts')).toBeUndefined();
    expect(error.extensions).not.toHaveProperty('title');
  });

  it('keeps well-formed field errors and drops malformed ones', () => {
    const error = problemToError(400, 'Bad Request', {
      title: '输入有误',
      status: 400,
      errors: [{ path: 'username', message: '已存在' }, { path: 3 }, 'x', { message: '整体错误' }],
    });
    expect(error.errors).toEqual([
      { path: 'username', message: '已存在' },
      { path: '', message: '整体错误' },
    ]);
  });

  it('falls back to the status line for a body that is not a problem', () => {
    const error = problemToError(502, 'Bad Gateway', null);
    expect(error.title).toBe('Bad Gateway');
    expect(error.isProblem).toBe(false);
    expect(problemToError(500, '', 'oops').title).toBe('HTTP 500');
  });
});

describe('fieldErrorsByName', () => {
  it('groups messages by the top-level field of the path', () => {
    const error = problemToError(400, '', {
      title: 'x',
      errors: [
        { path: '/roles/0', message: 'a' },
        { path: 'roles[1]', message: 'b' },
        { path: 'displayName', message: 'c' },
        { path: '', message: 'd' },
      ],
    });
    expect(Object.fromEntries(fieldErrorsByName(error))).toEqual({ roles: ['a', 'b'], displayName: ['c'] });
  });

  it('drops the request part of a schema error and keeps a field named like one', () => {
    const error = problemToError(400, '', {
      title: 'x',
      errors: [
        { path: 'body/startsOn', message: 'a' },
        { path: 'body', message: 'unrecognized key' },
        { path: '/bodyText', message: 'b' },
        { path: 'querystring/gridId', message: 'c' },
      ],
    });
    expect(Object.fromEntries(fieldErrorsByName(error))).toEqual({
      startsOn: ['a'],
      bodyText: ['b'],
      gridId: ['c'],
    });
  });
});
