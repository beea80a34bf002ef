import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';

describe('map settings in the configuration', () => {
  it('is offline by default: no DEM, no base tiles', () => {
    const config = loadConfig({});
    expect(config.DEM_PATH).toEqual([]);
    expect(config.MAP_TILE_URL).toBeUndefined();
  });

  it('splits DEM_PATH and refuses files that are not SRTM tiles or do not exist', () => {
    expect(() => loadConfig({ DEM_PATH: '/tmp/heights.tif' })).toThrow(/DEM_PATH: must list SRTM tiles/);
    try {
      loadConfig({ DEM_PATH: '/nowhere/N25E118.hgt' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems[0]).toMatchObject({ variable: 'DEM_PATH' });
      expect((error as Error).message).toMatch(/does not exist/);
    }
  });

  it('takes an XYZ template for MAP_TILE_URL and nothing else', () => {
    const url = 'https://t0.tiles.example/vec/{z}/{x}/{y}.png';
    expect(loadConfig({ MAP_TILE_URL: url, MAP_TILE_ATTRIBUTION: '县局' })).toMatchObject({
      MAP_TILE_URL: url,
      MAP_TILE_ATTRIBUTION: '县局',
    });
    expect(() => loadConfig({ MAP_TILE_URL: 'https://tiles.example/tile.png' })).toThrow(
      /MAP_TILE_URL: must be an XYZ/,
    );
    expect(() => loadConfig({ MAP_TILE_URL: 'ftp://tiles.example/{z}/{x}/{y}' })).toThrow(/MAP_TILE_URL/);
  });
});
