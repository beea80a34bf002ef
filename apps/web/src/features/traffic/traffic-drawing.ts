export type Position = [number, number];

/** What a click on the map does now: nothing special, place a device, draw a section, or a route's ends. */
export type MapTool = 'device' | 'section' | 'route' | null;

/** What the tabs that draw on the map get from the page. */
export interface MapDrawing {
  tool: MapTool;
  points: readonly Position[];
  start: (tool: Exclude<MapTool, null>, points?: readonly Position[]) => void;
  stop: () => void;
}
