import { z } from 'zod';

/**
 * The structure of a NENA EIDO JSON document (NENA-STA-021) as far as Ronghui fills it: components
 * carry a `componentIdentifier` and refer to each other by it. Used to check what GET …/eido returns.
 */
const timestamp = z.string().datetime({ offset: true });
const reference = z.string().startsWith('urn:emergency:uid:');

export const eidoSchema = z
  .object({
    eidoMessageIdentifier: reference,
    lastUpdateTimeStamp: timestamp,
    incidentComponent: z.object({
      componentIdentifier: reference,
      lastUpdateTimeStamp: timestamp,
      owningAgencyIdentifier: z.string().min(1),
      incidentTrackingIdentifier: z.string().startsWith('urn:emergency:uid:incidentid:'),
      incidentTypeCommonRegistryText: z.array(z.string().min(1)).min(1),
      incidentTypeInternalCode: z.string(),
      incidentTypeInternalText: z.string(),
      incidentStatusCommonRegistryText: z
        .array(
          z.enum([
            'Pending',
            'Dispatched',
            'Acknowledged',
            'Enroute',
            'OnScene',
            'Cleared',
            'Closed',
            'Merged',
          ]),
        )
        .min(1),
      incidentStatusInternalText: z.array(z.string()),
      incidentCommonPriorityNumber: z.number().int().min(1).max(3),
      incidentCreationTimeStamp: timestamp,
      locationReference: z.array(reference).min(1),
      callReference: z.array(reference),
      notesReference: z.array(reference),
      emergencyResourceReference: z.array(reference),
    }),
    callComponent: z.array(
      z.object({
        componentIdentifier: reference,
        lastUpdateTimeStamp: timestamp,
        callTypeDescriptionRegistryText: z.string(),
        callSourceInternalText: z.string(),
        callStartTimeStamp: timestamp,
        callAnsweredTimeStamp: timestamp.nullable(),
        callbackNumber: z.string().nullable(),
        callerName: z.string().nullable(),
        locationReference: z.array(reference),
      }),
    ),
    locationComponent: z
      .array(
        z.object({
          componentIdentifier: reference,
          lastUpdateTimeStamp: timestamp,
          locationTypeDescriptionRegistryText: z.string(),
          civicAddressText: z.string(),
          civicAddress: z.object({
            country: z.string().length(2),
            A3: z.string().nullable(),
            A4: z.string().nullable(),
            A5: z.string().nullable(),
            RD: z.string().nullable(),
            HNO: z.string().nullable(),
            NAM: z.string().nullable(),
          }),
          geoPoint: z.object({
            type: z.literal('Point'),
            coordinates: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
            crs: z.literal('EPSG:4326'),
          }),
          locationConfidencePercent: z.number().int().min(0).max(100),
        }),
      )
      .min(1),
    notesComponent: z.array(
      z.object({
        componentIdentifier: reference,
        noteDateTimeStamp: timestamp,
        notesActionCommonRegistryText: z.string(),
        notesText: z.string(),
        authorReference: z.string(),
      }),
    ),
    agencyComponent: z.array(
      z.object({ componentIdentifier: reference, agencyIdentifier: z.string(), agencyName: z.string() }),
    ),
    emergencyResourceComponent: z.array(
      z.object({
        componentIdentifier: reference,
        lastUpdateTimeStamp: timestamp,
        emergencyResourceIdentifier: z.string().min(1),
        emergencyResourceTypeInternalText: z.string(),
        owningAgencyIdentifier: z.string(),
        emergencyResourceStatusCommonRegistryText: z.enum([
          'Available',
          'Dispatched',
          'Enroute',
          'OnScene',
          'Staging',
          'Delayed',
          'Returning',
        ]),
        emergencyResourceStatusInternalText: z.string(),
        geoPoint: z
          .object({
            type: z.literal('Point'),
            coordinates: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
            crs: z.literal('EPSG:4326'),
          })
          .nullable(),
      }),
    ),
  })
  .strict()
  .superRefine((doc, ctx) => {
    // Every reference of the incident points at a component of the document.
    const ids = new Set([
      ...doc.callComponent.map((c) => c.componentIdentifier),
      ...doc.locationComponent.map((c) => c.componentIdentifier),
      ...doc.notesComponent.map((c) => c.componentIdentifier),
      ...doc.emergencyResourceComponent.map((c) => c.componentIdentifier),
    ]);
    const refs = [
      ...doc.incidentComponent.locationReference,
      ...doc.incidentComponent.callReference,
      ...doc.incidentComponent.notesReference,
      ...doc.incidentComponent.emergencyResourceReference,
    ];
    for (const r of refs)
      if (!ids.has(r)) ctx.addIssue({ code: 'custom', message: `dangling reference ${r}` });
  });
