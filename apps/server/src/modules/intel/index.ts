// The intelligence-analysis module's entrance.
export {
  CRIME_FILE_FORMATS,
  type CrimeFileFormat,
  formatOffsetMs,
  readCrimeFile,
} from './crime-file-reader.ts';
export { registerIntelRoutes } from './intel.routes.ts';
export { createIntelModule, type IntelModule } from './intel.module.ts';
export { createIncidentRecords, registerIncidentRecordRoute } from './incident-record.ts';
export { renderPdf } from './report-pdf.ts';
