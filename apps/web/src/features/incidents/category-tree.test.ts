import { describe, expect, it } from 'vitest';
import { categoryTree } from './category-tree.ts';

describe('category tree', () => {
  it('builds the category tree with the eight kinds on top and crimes nested by code', () => {
    const tree = categoryTree('zh-CN');
    expect(tree.map((n) => n.title)).toEqual([
      '刑事',
      '治安',
      '交通',
      '火灾',
      '求助',
      '纠纷',
      '举报',
      '其他',
    ]);
    const theft = tree[0]?.children?.find((n) => n.value === '05')?.children?.find((n) => n.value === '0501');
    expect(theft?.children?.map((n) => n.title)).toContain('入室盗窃');
    expect(categoryTree('en-US')[2]?.title).toBe('traffic');
  });
});
