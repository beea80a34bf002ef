export * from './incident-profile.ts';
export * from './polyline.ts';
