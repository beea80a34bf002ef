export * from './glyph-font.ts';
export * from './glyph-pbf.ts';
export * from './glyph-sdf.ts';
export * from './png.ts';
export * from './protobuf.ts';
export * from './terrain.ts';
