import type { Camera, CameraList, CameraScene, CreateCameraBody, UpdateCameraBody } from '@ronghui/contracts';
import { api } from '../../api/http-client.ts';

/** What the camera form edits: every field of a camera the registry takes. */
export type CameraInput = Required<CreateCameraBody>;

export const camerasApi = {
  list: () => api.get<CameraList>('/cameras'),
  get: (id: string) => api.get<Camera>(`/cameras/${encodeURIComponent(id)}`),
  scene: (id: string) => api.get<CameraScene>(`/cameras/${encodeURIComponent(id)}/scene`),
  create: (body: CreateCameraBody) => api.post<Camera>('/cameras', body),
  update: (id: string, body: UpdateCameraBody) =>
    api.patch<Camera>(`/cameras/${encodeURIComponent(id)}`, body),
  remove: (id: string) => api.delete<null>(`/cameras/${encodeURIComponent(id)}`),
};
