import { describe, expect, it } from 'vitest';
import { fitWithin } from './photo.ts';
import { etaMinutes, formatDistance, navigationLinks } from './road-eta.ts';

describe('field helpers', () => {
  it('formats road distance and minutes', () => {
    expect(formatDistance(850.4)).toBe('850 m');
    expect(formatDistance(3240)).toBe('3.2 km');
    expect(etaMinutes(20)).toBe(1);
    expect(etaMinutes(610)).toBe(10);
  });

  it('hands the incident to a navigation app by WGS-84 coordinates', () => {
    const links = navigationLinks({ lon: 118.1, lat: 25.7 }, '杨梅乡');
    expect(links.amap).toContain('to=118.1,25.7,%E6%9D%A8%E6%A2%85%E4%B9%A1');
    expect(links.amap).toContain('coordinate=wgs84');
    expect(links.geo).toBe('geo:25.7,118.1?q=25.7,118.1(%E6%9D%A8%E6%A2%85%E4%B9%A1)');
  });

  it('shrinks photos to 1600 px on the longest edge, never enlarging', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
  });
});
