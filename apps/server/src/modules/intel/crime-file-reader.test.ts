import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedFixture } from '../../../../../test/support/env.ts';
import { CrimeFileError, readCrimeFile } from './crime-file-reader.ts';

describe('readCrimeFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rh-crime-'));

  it('names a missing file, an unusable header and a file without good rows', async () => {
    await expect(readCrimeFile(join(dir, 'none.csv'))).rejects.toThrow(/file not found/);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'occ_date,x,y\n');
    await expect(readCrimeFile(bad)).rejects.toThrow(CrimeFileError);
    const empty = join(dir, 'empty.csv');
    writeFileSync(
      empty,
      'id,occurred_from,occurred_to,lon,lat,x_m,y_m,category,premise,method,features,series_id\nA,never,,,,1,2,050101,,,,\n',
    );
    await expect(readCrimeFile(empty)).rejects.toThrow(/no usable rows \(line 2: occurred_from "never"/);
  });

  it('reads the Portland fixture with --format portland', async () => {
    const path = sharedFixture('crime/portland-burglary.csv');
    if (!path) return;
    const { records, errors } = await readCrimeFile(path, 'portland');
    expect(errors).toEqual([]);
    expect(records).toHaveLength(5364);
    // Portland lies around 2.3–2.4 million m east in EPSG:2913 (State Plane feet × 0.3048).
    for (const r of records.slice(0, 50)) expect(r.x).toBeGreaterThan(2_200_000);
    await expect(readCrimeFile(path, 'ronghui')).rejects.toThrow(/header lacks column/);
  });
});
