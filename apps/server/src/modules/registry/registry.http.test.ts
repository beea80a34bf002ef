import { randomUUID } from 'node:crypto';
import { createRng } from '@ronghui/geo';
import { generateIdNumber } from '@ronghui/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../../platform/db/database.ts';
import { writeXlsx } from './registry-files.ts';

const rng = createRng(20261206);
const idOf = (birth: string, sex: 'male' | 'female' = 'male') =>
  generateIdNumber(rng, { areaCode: '350526', birth, sex });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.each(databaseKinds())('一标三实 registry (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let officer: string;
  let gridWorker: string;
  let auditor: string;
  let commander: string;
  /** The grid worker's police grid and a village in it; another police grid and a village in it. */
  let gridA: string;
  let villageA: string;
  let gridB: string;
  let villageB: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    officer = await t.login('officer');
    gridWorker = await t.login('grid-worker');
    auditor = await t.login('auditor');
    commander = await t.login('commander');
    const me = (await t.as(gridWorker, { method: 'GET', url: '/api/auth/me' })).json();
    gridA = me.scope?.orgId ?? me.orgId;
    const villages = await database.db
      .selectFrom('divisions')
      .select(['code', 'grid_id', 'station_id'])
      .where('level', '=', 'village')
      .orderBy('code')
      .execute();
    const a = villages.find((v) => v.grid_id === gridA)!;
    villageA = a.code;
    const b = villages.find((v) => v.grid_id && v.grid_id !== gridA)!;
    villageB = b.code;
    gridB = b.grid_id!;
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const post = (cookie: string, url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.as(cookie, { method: 'POST', url, payload: payload as object, headers });
  const get = (cookie: string, url: string) => t.as(cookie, { method: 'GET', url });

  it('records an address once under its normalised form, and the people, house and business at it', async () => {
    const a = await post(officer, '/api/registry/addresses', {
      divisionCode: villageA,
      road: '测试路',
      doorNo: '十二号',
      building: '3幢',
      unit: '２单元',
      room: '301',
    });
    expect(a.statusCode, a.body).toBe(201);
    const address = a.json();
    expect(address.key).toBe(`${villageA}|测试路|12|3|2|301`);
    expect(address.policeGridId).toBe(gridA);
    expect(address.label).toContain('测试路12号3栋2单元301室');
    const again = await post(officer, '/api/registry/addresses', {
      divisionCode: villageA,
      road: '测试路',
      doorNo: '12',
      building: '三栋',
      unit: '2',
      room: '301室',
    });
    expect(again.statusCode).toBe(409);

    const idNumber = idOf('1990-03-07', 'female');
    const p = await post(officer, '/api/registry/people', {
      name: '林春梅',
      idNumber,
      phone: '13905951234',
      kind: 'floating',
      addressId: address.id,
      movedInOn: '2026-10-01',
    });
    expect(p.statusCode, p.body).toBe(201);
    const person = p.json();
    expect(person).toMatchObject({
      name: '林**',
      idNumber: `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`,
      phone: '139****1234',
      sex: 'female',
      birthDate: '1990-03-07',
      kind: 'floating',
    });
    // The same ID number again is the same person.
    const dup = await post(officer, '/api/registry/people', {
      name: '林春梅',
      idNumber,
      kind: 'floating',
      addressId: address.id,
    });
    expect(dup.statusCode).toBe(409);
    const badId = await post(officer, '/api/registry/people', {
      name: '王五',
      idNumber: `${idNumber.slice(0, 17)}${idNumber[17] === '0' ? '1' : '0'}`,
      kind: 'registered',
      addressId: address.id,
    });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].path).toBe('/idNumber');

    const patched = await t.as(officer, {
      method: 'PATCH',
      url: `/api/registry/people/${person.id}`,
      payload: { phone: '13905959999', kind: 'registered' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ phone: '139****9999', kind: 'registered' });

    const history = (await get(officer, `/api/registry/people/${person.id}/history`)).json();
    expect(history.total).toBe(2);
    expect(history.items[0]).toMatchObject({ action: 'updated', source: 'console' });
    expect(history.items[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'phone', before: '139****1234', after: '139****9999' },
        { field: 'kind', before: 'floating', after: 'registered' },
      ]),
    );
    expect(JSON.stringify(history)).not.toContain(idNumber);
    expect(JSON.stringify(history)).not.toContain('13905951234');

    const h = await post(officer, '/api/registry/houses', {
      addressId: address.id,
      kind: 'rented',
      ownerName: '陈大山',
      ownerPhone: '13800001111',
    });
    expect(h.statusCode, h.body).toBe(201);
    expect(h.json()).toMatchObject({ ownerName: '陈**', ownerPhone: '138****1111', residents: 1 });
    const b = await post(officer, '/api/registry/businesses', {
      name: '春梅小卖部',
      kind: 'shop',
      licenceNo: '91350526MA2Y00001U',
      addressId: address.id,
      contactName: '林春梅',
      contactPhone: '13905951234',
    });
    expect(b.statusCode, b.body).toBe(201);
    const badLicence = await post(officer, '/api/registry/businesses', {
      name: '某店',
      kind: 'shop',
      licenceNo: '91350526MA2Y00001W',
      addressId: address.id,
    });
    expect(badLicence.statusCode).toBe(400);

    const detail = (await get(officer, `/api/registry/addresses/${address.id}`)).json();
    expect(detail.people).toHaveLength(1);
    expect(detail.houses).toHaveLength(1);
    expect(detail.businesses[0]).toMatchObject({ name: '春梅小卖部', contactName: '林**' });

    // Revealing needs a reason and is audited with it.
    const noReason = await post(officer, `/api/registry/people/${person.id}/reveal`, {
      field: 'idNumber',
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    const wrongField = await post(officer, `/api/registry/people/${person.id}/reveal`, {
      field: 'ownerName',
      reason: '核对户主信息',
    });
    expect(wrongField.statusCode).toBe(400);
    const revealed = await post(officer, `/api/registry/people/${person.id}/reveal`, {
      field: 'idNumber',
      reason: '核对流动人口登记',
    });
    expect(revealed.json()).toEqual({ field: 'idNumber', value: idNumber });
    const audited = await database.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('resource_id', '=', person.id)
      .execute();
    expect(audited).toEqual(
      expect.arrayContaining([{ action: 'personal.unmask', reason: '核对流动人口登记' }]),
    );
    // The stored values are sealed.
    const stored = await database.db
      .selectFrom('registry_people')
      .selectAll()
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(stored.id_number).not.toContain(idNumber.slice(6, 14));
    expect(stored.name.startsWith('sm4:1:')).toBe(true);

    // Search by full ID number finds the person (by the keyed hash).
    const found = (await get(officer, `/api/registry/people?q=${idNumber}`)).json();
    expect(found.items.map((x: { id: string }) => x.id)).toEqual([person.id]);
  });

  it('keeps a grid worker to their grid and shows the auditor nothing', async () => {
    const inB = await post(commander, '/api/registry/addresses', {
      divisionCode: villageB,
      road: '乙网格路',
      doorNo: '1',
    });
    expect(inB.statusCode, inB.body).toBe(201);
    expect(inB.json().policeGridId).toBe(gridB);
    const inA = await post(gridWorker, '/api/registry/addresses', {
      divisionCode: villageA,
      road: '甲网格路',
      doorNo: '1',
    });
    expect(inA.statusCode, inA.body).toBe(201);

    const seen = (
      await get(gridWorker, `/api/registry/addresses?pageSize=500&q=${encodeURIComponent('网格路')}`)
    ).json();
    expect(seen.total).toBe(1);
    expect(seen.items.every((a: { policeGridId: string }) => a.policeGridId === gridA)).toBe(true);
    expect(seen.items.some((a: { id: string }) => a.id === inA.json().id)).toBe(true);
    expect((await get(gridWorker, `/api/registry/addresses/${inB.json().id}`)).statusCode).toBe(404);
    expect((await get(gridWorker, `/api/registry/addresses/${inB.json().id}/history`)).statusCode).toBe(404);
    // Writing into grid B is refused too.
    const write = await post(gridWorker, '/api/registry/addresses', {
      divisionCode: villageB,
      road: '乙网格路',
      doorNo: '2',
    });
    expect(write.statusCode).toBe(403);
    // The command sees both grids; the grid worker's station does not see grid B (another station's).
    const county = (
      await get(commander, `/api/registry/addresses?pageSize=500&q=${encodeURIComponent('网格路')}`)
    ).json();
    expect(county.items.some((a: { id: string }) => a.id === inB.json().id)).toBe(true);
    expect(county.items.some((a: { id: string }) => a.id === inA.json().id)).toBe(true);
    expect((await get(officer, `/api/registry/addresses/${inB.json().id}`)).statusCode).toBe(404);

    for (const url of [
      '/api/registry/addresses',
      '/api/registry/people',
      '/api/registry/collections',
      '/api/registry/collections/stats',
    ])
      expect((await get(auditor, url)).statusCode, url).toBe(403);
  });

  it('imports a CSV: bad rows reported by line and field, good rows kept, people deduplicated by ID number', async () => {
    const good1 = idOf('1985-01-02');
    const good2 = idOf('1992-11-30', 'female');
    const csv = [
      '姓名,身份证号,联系电话,人口类别,村社区代码,路街巷,门牌号,楼栋,单元,室,迁入日期',
      `张三,${good1},13800000001,户籍,${villageA},导入路,1号,,,,2020-01-01`,
      `李四,${good2.slice(0, 17)}${good2[17] === '1' ? '2' : '1'},13800000002,流动,${villageA},导入路,2号,,,,`,
      `王五,${good2},1380000,流动,${villageA},导入路,2号,,,,`,
      `赵六,${good2},,外星,${villageA},导入路,3号,,,,`,
      `钱七,${good2},,流动,999999999999,导入路,3号,,,,`,
      `孙八,${good2},,流动,${villageA},导入路,二号,,,,2020/2/3`,
      `"周,九",${good1},,流动,${villageA},导入路,1,,,,`,
    ].join('\n');
    const res = await t.as(officer, {
      method: 'POST',
      url: '/api/registry/import?kind=people',
      payload: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ kind: 'people', rows: 7, created: 2, rejected: 5 });
    const lines = (field: string) =>
      r.errors.filter((e: { field: string }) => e.field === field).map((e: { line: number }) => e.line);
    expect(lines('身份证号')).toEqual(expect.arrayContaining([3, 8]));
    expect(lines('联系电话')).toEqual([4]);
    expect(lines('人口类别')).toEqual([5]);
    expect(lines('村社区代码')).toEqual([6]);
    expect(r.errors.find((e: { line: number }) => e.line === 8).message).toContain('line 2');
    // 孙八 at 导入路二号 is the address of line 4 (二号 = 2号): one address for both spellings.
    expect(r.addressesCreated).toBe(2);

    // The same people again: updated, not duplicated.
    const again = await t.as(officer, {
      method: 'POST',
      url: '/api/registry/import?kind=people',
      payload: `姓名,身份证号,人口类别,村社区代码,路街巷,门牌号\n张三,${good1},流动,${villageA},导入路,1号\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(again.json()).toMatchObject({ rows: 1, created: 0, updated: 1, rejected: 0, addressesCreated: 0 });
    const found = (await get(officer, `/api/registry/people?q=${good1}`)).json();
    expect(found.total).toBe(1);
    expect(found.items[0].kind).toBe('floating');
    const history = (await get(officer, `/api/registry/people/${found.items[0].id}/history`)).json();
    expect(history.items.map((h: { source: string; action: string }) => `${h.source}:${h.action}`)).toEqual([
      'import:updated',
      'import:created',
    ]);

    // A missing column refuses the file by its header.
    const noCol = await t.as(officer, {
      method: 'POST',
      url: '/api/registry/import?kind=people',
      payload: '姓名,电话\n张三,1\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(noCol.json().errors.map((e: { field: string }) => e.field)).toEqual([
      '身份证号',
      '人口类别',
      '村社区代码',
    ]);
    // A grid worker does not import files.
    const gw = await t.as(gridWorker, {
      method: 'POST',
      url: '/api/registry/import?kind=people',
      payload: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(gw.statusCode).toBe(403);
  });

  it('imports XLSX and GB18030 CSV, and offers templates', async () => {
    const xlsx = await writeXlsx(
      ['单位名称', '单位类别', '统一社会信用代码', '村社区代码', '路街巷', '门牌号', '重点场所'],
      [
        ['德化瓷坊', '商铺', '91350526MA2Y00001U', villageA, '瓷都路', '8', '是'],
        ['无名店', '飞船', '', villageA, '瓷都路', '9', ''],
      ],
    );
    const res = await t.as(commander, {
      method: 'POST',
      url: '/api/registry/import?kind=businesses',
      payload: xlsx,
      headers: { 'content-type': XLSX },
    });
    expect(res.statusCode, res.body).toBe(200);
    // The credit code is the one recorded in the first test: updated, not duplicated.
    expect(res.json()).toMatchObject({ rows: 2, created: 0, updated: 1, rejected: 1 });
    expect(res.json().errors).toEqual([expect.objectContaining({ line: 3, field: '单位类别' })]);

    // A house file in GB18030 (Excel's "CSV" on a Chinese Windows): the Chinese characters' GB codes.
    const gbBytes = (s: string) => {
      const table: Record<string, number[]> = {
        村: [0xb4, 0xe5],
        社: [0xc9, 0xe7],
        区: [0xc7, 0xf8],
        代: [0xb4, 0xfa],
        码: [0xc2, 0xeb],
        路: [0xc2, 0xb7],
        街: [0xbd, 0xd6],
        巷: [0xcf, 0xef],
        门: [0xc3, 0xc5],
        牌: [0xc5, 0xc6],
        号: [0xba, 0xc5],
        房: [0xb7, 0xbf],
        屋: [0xce, 0xdd],
        类: [0xc0, 0xe0],
        别: [0xb1, 0xf0],
        空: [0xbf, 0xd5],
        置: [0xd6, 0xc3],
        瓷: [0xb4, 0xc9],
        都: [0xb6, 0xbc],
      };
      return Buffer.from([...s].flatMap((c) => table[c] ?? [...Buffer.from(c, 'utf8')]));
    };
    const gbCsv = gbBytes(`村社区代码,路街巷,门牌号,房屋类别\n${villageA},瓷都路,10,空置房\n`);
    const house = await t.as(commander, {
      method: 'POST',
      url: '/api/registry/import?kind=houses',
      payload: gbCsv,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(house.json(), house.body).toMatchObject({ rows: 1, created: 1, rejected: 0 });
    const vacant = (await get(commander, '/api/registry/houses?kind=vacant&q=瓷都路')).json();
    expect(vacant.items[0].addressLabel).toContain('瓷都路10号');

    const tpl = await get(officer, '/api/registry/import/template?kind=people&format=csv');
    expect(tpl.statusCode).toBe(200);
    expect(tpl.body.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(
      '姓名*,身份证号*,联系电话,人口类别*,村社区代码*,路街巷,门牌号,楼栋,单元,室,迁入日期,迁出日期',
    );
    const x = await get(officer, '/api/registry/import/template?kind=houses');
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('takes a collection exactly once and applies it on review, naming collector and reviewer', async () => {
    const id = randomUUID();
    const idNumber = idOf('1995-06-15', 'female');
    const body = {
      id,
      kind: 'new-tenant',
      address: { divisionCode: villageA, road: '采集路', doorNo: '5', room: '201' },
      person: { name: '黄小燕', idNumber, phone: '13700001234', kind: 'floating', movedInOn: '2026-11-20' },
      note: '新租户',
    };
    const key = randomUUID();
    const first = await post(gridWorker, '/api/registry/collections', body, { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'submitted', kind: 'new-tenant', policeGridId: gridA });
    expect(first.json().fields).toEqual(expect.arrayContaining([{ field: 'name', value: '黄**' }]));
    // The outbox re-sends under the same key, or (a new key) the same id: one collection.
    expect(
      (await post(gridWorker, '/api/registry/collections', body, { 'idempotency-key': key })).statusCode,
    ).toBe(201);
    const replay = await post(gridWorker, '/api/registry/collections', body, {
      'idempotency-key': randomUUID(),
    });
    expect(replay.statusCode).toBe(200);
    expect(replay.json().id).toBe(id);
    expect(
      await database.db.selectFrom('registry_collections').select('id').where('id', '=', id).execute(),
    ).toHaveLength(1);
    // Nobody else may take the id.
    expect((await post(officer, '/api/registry/collections', body)).statusCode).toBe(403);

    const mine = (await get(gridWorker, '/api/registry/collections?view=mine')).json();
    expect(mine.items.some((c: { id: string }) => c.id === id)).toBe(true);
    expect((await get(gridWorker, '/api/registry/collections?view=review')).statusCode).toBe(403);
    const queue = (await get(officer, '/api/registry/collections?view=review&pageSize=500')).json();
    expect(queue.items.some((c: { id: string }) => c.id === id)).toBe(true);

    const noReason = await post(officer, `/api/registry/collections/${id}/review`, { decision: 'reject' });
    expect(noReason.statusCode).toBe(400);
    expect(
      (await post(gridWorker, `/api/registry/collections/${id}/review`, { decision: 'accept' })).statusCode,
    ).toBe(403);
    const accepted = await post(officer, `/api/registry/collections/${id}/review`, { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      recordKind: 'person',
      reviewerName: '民警 郑建华',
    });
    expect(
      (await post(officer, `/api/registry/collections/${id}/review`, { decision: 'accept' })).statusCode,
    ).toBe(409);
    const personId = accepted.json().recordId;
    const history = (await get(officer, `/api/registry/people/${personId}/history`)).json();
    expect(history.items[0]).toMatchObject({
      source: 'collection',
      collectionId: id,
      collector: '网格员 李秀英',
      reviewer: '民警 郑建华',
    });
    // The tenant's house is recorded as rented.
    const house = (
      await get(
        officer,
        `/api/registry/houses?addressId=${(await get(officer, `/api/registry/people?q=${idNumber}`)).json().items[0].addressId}`,
      )
    ).json();
    expect(house.items[0].kind).toBe('rented');

    // Rejected: nothing applied.
    const other = randomUUID();
    const r = await post(gridWorker, '/api/registry/collections', {
      id: other,
      kind: 'new-shop',
      address: { road: '采集路', doorNo: '6' },
      location: null,
      business: { name: '采集茶店', kind: 'shop' },
    });
    expect(r.statusCode, r.body).toBe(201);
    const rejected = await post(officer, `/api/registry/collections/${other}/review`, {
      decision: 'reject',
      reason: '现场未见该店',
    });
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      reviewReason: '现场未见该店',
      recordId: null,
    });
    expect((await get(officer, '/api/registry/businesses?q=采集茶店')).json().total).toBe(0);

    const stats = (await get(officer, '/api/registry/collections/stats')).json();
    const row = stats.items.find((s: { workerName: string }) => s.workerName === '网格员 李秀英');
    expect(row.collected).toBeGreaterThanOrEqual(2);
    expect(row.accepted).toBeGreaterThanOrEqual(1);
    expect(row.rejected).toBeGreaterThanOrEqual(1);
  });

  it('lets an officer assign a task that the worker then submits under its id', async () => {
    const workers = (await get(officer, '/api/registry/collections/workers')).json();
    const worker = workers.items.find((w: { name: string }) => w.name === '网格员 李秀英');
    expect(worker).toBeTruthy();
    const task = await post(officer, '/api/registry/collections/assign', {
      workerId: worker.id,
      kind: 'vacant-house',
      note: '核实空置房',
    });
    expect(task.statusCode, task.body).toBe(201);
    expect(task.json().status).toBe('assigned');
    const mine = (await get(gridWorker, '/api/registry/collections?view=mine&status=assigned')).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toContain(task.json().id);
    const submitted = await post(gridWorker, '/api/registry/collections', {
      id: task.json().id,
      kind: 'vacant-house',
      address: { divisionCode: villageA, road: '任务路', doorNo: '7' },
      house: { kind: 'vacant', ownerName: '郑大伯' },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', assignedNote: '核实空置房' });
    const ok = await post(officer, `/api/registry/collections/${task.json().id}/review`, {
      decision: 'accept',
    });
    expect(ok.json()).toMatchObject({ status: 'accepted', recordKind: 'house' });

    const { collectionCountsByGrid, createRegistryRepo } = await import('./index.ts');
    const counts = await collectionCountsByGrid(database.db, createRegistryRepo(), '350526', {
      from: new Date('2000-01-01T00:00:00Z'),
      to: new Date('2100-01-01T00:00:00Z'),
    });
    // The service gives the same counts; a range before anything was collected gives none.
    expect(
      await t.services.collections.collectionCountsByGrid('350526', {
        from: new Date('2000-01-01T00:00:00Z'),
        to: new Date('2100-01-01T00:00:00Z'),
      }),
    ).toEqual(counts);
    expect(
      await t.services.collections.collectionCountsByGrid('350526', {
        from: new Date('2000-01-01T00:00:00Z'),
        to: new Date('2001-01-01T00:00:00Z'),
      }),
    ).toEqual([]);
    const inA = counts.filter((c) => c.policeGridId === gridA);
    expect(inA.reduce((s, c) => s + c.verified, 0)).toBeGreaterThanOrEqual(2);
    expect(inA.reduce((s, c) => s + c.collected, 0)).toBeGreaterThanOrEqual(
      inA.reduce((s, c) => s + c.verified, 0) + 1,
    );
  });
});
