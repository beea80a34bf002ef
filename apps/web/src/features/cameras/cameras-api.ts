import { api } from '../../api/http-client.ts';

export type StreamKind = 'none' | 'hls' | 'mjpeg' | 'snapshot';

export interface CameraView {
  id: string;
  code: string;
  name: string;
  stationId: string;
  stationName: string;
  lon: number;
  lat: number;
  groundElevationM: number;
  heightM: number;
  headingDeg: number;
  tiltDeg: number;
  rollDeg: number;
  hfovDeg: number;
  rangeM: number;
  streamKind: StreamKind;
  streamUrl: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export type CameraInput = Omit<CameraView, 'id' | 'stationName' | 'createdAt' | 'updatedAt'>;

export interface ScenePlace {
  kind: 'place' | 'village' | 'township' | 'station';
  name: string;
  lon: number;
  lat: number;
  distanceM: number;
}

export const camerasApi = {
  list: () => api.get<CameraView[]>('/cameras'),
  get: (id: string) => api.get<CameraView>(`/cameras/${encodeURIComponent(id)}`),
  scene: (id: string) => api.get<{ places: ScenePlace[] }>(`/cameras/${encodeURIComponent(id)}/scene`),
  create: (body: CameraInput) => api.post<CameraView>('/cameras', body),
  update: (id: string, body: Partial<CameraInput>) =>
    api.patch<CameraView>(`/cameras/${encodeURIComponent(id)}`, body),
  remove: (id: string) => api.delete<null>(`/cameras/${encodeURIComponent(id)}`),
};
