// 智慧交通 (smart traffic): hazard-prone road sections and roadside devices, road-weather readings over MQTT
// (`ronghui/<tenant>/rwis/<device>`) and HTTP, the rules (`@ronghui/traffic`) that raise fog, ice, frost,
// slippery, wind and rain hazards with hysteresis, hazards laid on the road graph as slow-downs or closures
// (the routing module's road events, so dispatch ETAs follow), LED/VMS signs driven over MQTT
// (`…/vms/<sign>/cmd`, acknowledged on `…/ack`), plate-addressed and convergence warnings, routes between
// configured points, and CAP 1.2 / DATEX II outputs. Tables (migration 20261206T2230-create-traffic.sql):
// `traffic_*`.
export { startTrafficDemo } from './traffic-simulator.ts';
export {
  handleTrafficMessage,
  isTrafficTopic,
  RWIS_TOPIC,
  startTrafficSubscriber,
  VMS_ACK_TOPIC,
} from './traffic.mqtt.ts';
export { registerTrafficRoutes } from './traffic.routes.ts';
export { createTrafficService, type SignCommand, type TrafficService } from './traffic.service.ts';
