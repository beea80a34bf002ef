import type { Message } from '@ronghui/contracts';
import { describe, expect, it } from 'vitest';
import { zhCN } from '../i18n/zh-CN.ts';
import { enUS } from '../i18n/en-US.ts';
import { composeBody, composeTargets, excerpt, quickReplies, replyBody } from './replies.ts';

const message = (over: Partial<Message> = {}): Message =>
  ({
    id: 'm1',
    kind: 'order',
    text: '立即前往杨梅乡政府',
    incidentId: 'inc-1',
    from: {
      userId: 'u-dispatcher',
      username: 'dispatcher-north',
      name: '北片调度',
      org: { id: 'n', name: '北片' },
    },
    ...over,
  }) as Message;

describe('replies from the phone', () => {
  it('answers the sender with a plain message under the same incident', () => {
    expect(replyBody(message(), '  收到 ', 'officer-yangmei')).toEqual({
      to: { users: ['u-dispatcher'] },
      kind: 'message',
      text: '收到',
      incidentId: 'inc-1',
    });
    expect(replyBody(message({ incidentId: null }), '收到', 'officer-yangmei')).toEqual({
      to: { users: ['u-dispatcher'] },
      kind: 'message',
      text: '收到',
    });
  });

  it('sends nothing blank, too long, or to oneself', () => {
    expect(replyBody(message(), '   ', 'officer-yangmei')).toBeNull();
    expect(replyBody(message(), 'x'.repeat(2001), 'officer-yangmei')).toBeNull();
    expect(replyBody(message(), 'x'.repeat(2000), 'officer-yangmei')).not.toBeNull();
    expect(replyBody(message(), '收到', 'dispatcher-north')).toBeNull();
  });

  it('writes to the user’s station or to a group', () => {
    const targets = composeTargets({ id: 'st-yangmei', name: '杨梅派出所' }, [{ id: 'g1', name: '专案组' }]);
    expect(targets).toEqual([
      { kind: 'station', id: 'st-yangmei', name: '杨梅派出所' },
      { kind: 'group', id: 'g1', name: '专案组' },
    ]);
    expect(composeTargets(null, [{ id: 'g1', name: '专案组' }]).map((t) => t.kind)).toEqual(['group']);
    expect(composeBody(targets[0]!, '已到达现场')).toEqual({
      to: { stations: ['st-yangmei'] },
      kind: 'message',
      text: '已到达现场',
    });
    expect(composeBody(targets[1]!, '需要增援')).toEqual({
      to: { group: 'g1' },
      kind: 'message',
      text: '需要增援',
    });
    expect(composeBody(targets[1]!, '\n')).toBeNull();
  });

  it('has every quick reply in both languages, and short outbox labels', () => {
    expect(quickReplies.map((k) => zhCN[k])).toEqual(['收到', '正在前往', '已到达现场', '需要增援']);
    for (const k of quickReplies) expect(enUS[k].length).toBeGreaterThan(0);
    expect(excerpt('嫌疑人  往\n上涌方向逃窜', 8)).toBe('嫌疑人 往 上涌…');
    expect(excerpt('收到')).toBe('收到');
  });
});
