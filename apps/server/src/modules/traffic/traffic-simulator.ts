import { jiuxianshanWeather, plateStream, readingFor } from '@ronghui/traffic';
import type { Logger } from 'pino';
import { systemPrincipal } from '../../platform/auth/principal.ts';
import type { TrafficService } from './traffic.service.ts';

/**
 * The demo's roadside devices at work: road weather from the 九仙山 model every `everyMs`, traffic with
 * plates past the cameras and detectors, and the signs' controllers acknowledging commands (all simulated,
 * through the same paths a real device uses).
 */
export function startTrafficDemo(
  traffic: TrafficService,
  options: { tenantCode: string; everyMs?: number; seed?: number; log?: Logger },
): { stop(): void } {
  const everyMs = options.everyMs ?? 10_000;
  const plates = plateStream(options.seed ?? 350526);
  let n = 0;
  const stopAcks = traffic.onCommand((tenantCode, signId, command) => {
    if (tenantCode !== options.tenantCode) return;
    setTimeout(() => void traffic.acknowledge(tenantCode, signId, { id: command.id }), 150).unref();
  });
  const tick = async () => {
    const t = await traffic.tenantOf(options.tenantCode);
    const now = Date.now();
    const readings: Record<string, unknown>[] = [];
    let k = 0;
    for (const d of t.devices.values()) {
      k++;
      if (d.kind === 'weather' || d.kind === 'visibility' || d.kind === 'surface')
        readings.push({
          deviceId: d.id,
          at: new Date(now).toISOString(),
          ...readingFor(d.kind, jiuxianshanWeather(now, k)),
        });
    }
    if (readings.length) await traffic.ingestDevice(options.tenantCode, readings);
    // The signs' controllers report that they are alive.
    for (const d of t.devices.values())
      if (d.kind === 'sign') await traffic.heartbeat(options.tenantCode, d.id);
    for (const d of t.devices.values()) {
      if (d.kind === 'anpr' && Math.random() < 0.5) {
        await traffic.plateRead(
          { ...systemPrincipal(options.tenantCode, t.rootOrgId, 'demo-traffic'), roles: ['dispatcher'] },
          { deviceId: d.id, plate: plates(n++) },
        );
      }
      if (d.kind === 'detector' && Math.random() < 0.2)
        await traffic.detection(
          { ...systemPrincipal(options.tenantCode, t.rootOrgId, 'demo-traffic'), roles: ['dispatcher'] },
          { deviceId: d.id },
        );
    }
  };
  const timer = setInterval(() => {
    tick().catch((error) => options.log?.warn({ err: error }, 'demo traffic tick failed'));
  }, everyMs).unref();
  void tick().catch((error) => options.log?.warn({ err: error }, 'demo traffic tick failed'));
  return {
    stop() {
      clearInterval(timer);
      stopAcks();
    },
  };
}
