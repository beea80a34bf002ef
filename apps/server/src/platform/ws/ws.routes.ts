import { hashToken } from '../auth/auth.service.ts';
import type { App } from '../http/app-types.ts';
import { WS_SESSION_ENDED, type WsHub } from './ws-hub.ts';

export function registerWsRoutes(app: App, hub: WsHub) {
  app.get('/api/ws', { websocket: true, schema: { hide: true } }, (socket, request) => {
    if (!request.principal || !request.sessionToken) {
      socket.close(WS_SESSION_ENDED, 'sign in first');
      return;
    }
    hub.attach(socket, request.principal, hashToken(request.sessionToken));
  });
}
