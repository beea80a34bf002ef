import type { App } from '../http/app-types.ts';
import type { WsHub } from './ws-hub.ts';

export function registerWsRoutes(app: App, hub: WsHub) {
  app.get('/api/ws', { websocket: true, schema: { hide: true } }, (socket, request) => {
    if (!request.principal) {
      socket.close(4401, 'sign in first');
      return;
    }
    hub.attach(socket, request.principal);
  });
}
