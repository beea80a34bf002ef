import type { Role } from '../platform/auth/roles.ts';

/** The shared password of demo accounts. It exists only in demo mode; a real deployment has no default password. */
export const DEMO_PASSWORD = 'ronghui-demo';

/** Pinyin of the 18 township names, for station account names (officer-yangmei …). */
export const TOWNSHIP_PINYIN: Record<string, string> = {
  浔中: 'xunzhong',
  龙浔: 'longxun',
  三班: 'sanban',
  龙门滩: 'longmentan',
  雷峰: 'leifeng',
  南埕: 'nancheng',
  水口: 'shuikou',
  赤水: 'chishui',
  上涌: 'shangyong',
  葛坑: 'gekeng',
  盖德: 'gaide',
  美湖: 'meihu',
  杨梅: 'yangmei',
  汤头: 'tangtou',
  桂阳: 'guiyang',
  国宝: 'guobao',
  大铭: 'daming',
  春美: 'chunmei',
};

export type DemoScope =
  | { kind: 'tenant' }
  | { kind: 'area'; areaKey: string }
  | { kind: 'station'; township: string }
  | { kind: 'grid'; township: string };

export interface DemoAccount {
  username: string;
  displayName: string;
  roles: Role[];
  scope: DemoScope;
}

/** One account per role (username = role key), plus one dispatcher per joint area and one officer per station. */
export function demoAccounts(
  areas: { key: string; name: string }[],
  townships: { name: string }[],
): DemoAccount[] {
  const tenant: DemoScope = { kind: 'tenant' };
  const accounts: DemoAccount[] = [
    { username: 'commander', displayName: '指挥长 林志强', roles: ['commander'], scope: tenant },
    { username: 'dispatcher', displayName: '调度员 陈晓燕', roles: ['dispatcher'], scope: tenant },
    {
      username: 'officer',
      displayName: '民警 郑建华',
      roles: ['officer'],
      scope: { kind: 'station', township: '杨梅乡' },
    },
    {
      username: 'auxiliary',
      displayName: '辅警 苏文斌',
      roles: ['auxiliary'],
      scope: { kind: 'station', township: '杨梅乡' },
    },
    { username: 'analyst', displayName: '研判员 黄丽娟', roles: ['analyst'], scope: tenant },
    {
      username: 'grid-worker',
      displayName: '网格员 李秀英',
      roles: ['grid-worker'],
      scope: { kind: 'grid', township: '杨梅乡' },
    },
    {
      username: 'volunteer',
      displayName: '义警 王德福',
      roles: ['volunteer'],
      scope: { kind: 'grid', township: '浔中镇' },
    },
    { username: 'clerk', displayName: '窗口 张美玲', roles: ['clerk'], scope: tenant },
    // Clerks of two station halls (一窗通办): each sees and calls only their own hall's queue.
    {
      username: 'clerk-longxun',
      displayName: '窗口 卢晓燕',
      roles: ['clerk'],
      scope: { kind: 'station', township: '龙浔镇' },
    },
    {
      username: 'clerk-sanban',
      displayName: '窗口 郑秋华',
      roles: ['clerk'],
      scope: { kind: 'station', township: '三班镇' },
    },
    { username: 'staff-officer', displayName: '政工 刘振东', roles: ['staff-officer'], scope: tenant },
    { username: 'leader', displayName: '局领导 吴国平', roles: ['leader'], scope: tenant },
    { username: 'system-admin', displayName: '系统管理员', roles: ['system-admin'], scope: tenant },
    { username: 'security-admin', displayName: '安全管理员', roles: ['security-admin'], scope: tenant },
    { username: 'auditor', displayName: '安全审计员', roles: ['auditor'], scope: tenant },
  ];
  // Four 古镇义警队 volunteers of 上涌镇, on duty near 曾坂古村落 in the demo (see seed-volunteers.ts).
  for (const [i, name] of ['曾庆林', '林秀珍', '郑志远', '陈金水'].entries())
    accounts.push({
      username: `volunteer-shangyong-${i + 1}`,
      displayName: `义警 ${name}`,
      roles: ['volunteer'],
      scope: { kind: 'grid', township: '上涌镇' },
    });
  for (const a of areas) {
    accounts.push({
      username: `dispatcher-${a.key}`,
      displayName: `${a.name}调度员`,
      roles: ['dispatcher'],
      scope: { kind: 'area', areaKey: a.key },
    });
  }
  for (const t of townships) {
    const short = t.name.replace(/[镇乡]$/, '');
    const pinyin = TOWNSHIP_PINYIN[short];
    if (!pinyin) continue;
    accounts.push({
      username: `officer-${pinyin}`,
      displayName: `${short}派出所值班民警`,
      roles: ['officer'],
      scope: { kind: 'station', township: t.name },
    });
  }
  return accounts;
}
