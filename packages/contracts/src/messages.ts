import { z } from 'zod';
import { codeId, isoDateTime, listOf, lngLat, queryBoolean, uuidOf, uuidParams } from './common.ts';
import { orgRef } from './orgs.ts';

const ids = z.array(codeId).min(1).max(200);
const limit = z.coerce.number().int().min(1).max(500).default(100);

export const messageKind = z.enum(['message', 'order']);
export type MessageKind = z.infer<typeof messageKind>;
export const messagePriority = z.enum(['normal', 'urgent']);
export type MessagePriority = z.infer<typeof messagePriority>;
export const recipientKind = z.enum(['user', 'unit']);
export type RecipientKind = z.infer<typeof recipientKind>;
/** sent → delivered (fetched, or confirmed from the live channel) → acknowledged (签收). */
export const recipientState = z.enum(['sent', 'delivered', 'acknowledged']);
export type RecipientState = z.infer<typeof recipientState>;

export const messageParams = uuidParams('a message');
export const emergencyParams = uuidParams('an emergency');
/** `/api/units/:id/emergency`. */
export const unitEmergencyParams = z.object({ id: codeId }).strict();

/** `POST /api/messages`: to users, units, stations, areas or an ad-hoc group. */
export const sendMessageBody = z
  .object({
    to: z
      .object({
        users: ids.optional(),
        units: ids.optional(),
        stations: ids.optional(),
        areas: ids.optional(),
        group: uuidOf('a message group').optional(),
      })
      .strict(),
    kind: messageKind,
    text: z.string().trim().min(1).max(2000),
    incidentId: codeId.optional(),
    priority: messagePriority.optional(),
  })
  .strict();
export type SendMessageBody = z.infer<typeof sendMessageBody>;

/** `GET /api/messages`: inbox (addressed to you), sent (by you), all (your scope's traffic; command roles). */
export const messageListQuery = z
  .object({
    box: z.enum(['inbox', 'sent', 'all']).default('inbox'),
    incidentId: codeId.optional(),
    limit,
  })
  .strict();
export type MessageListQuery = z.infer<typeof messageListQuery>;

/** `POST /api/messages/:id/ack`: no body (or null) acknowledges as yourself. */
export const messageAckBody = z.object({ unitId: codeId.optional() }).strict().nullish();
export type MessageAckBody = z.infer<typeof messageAckBody>;

/** Who a message is addressed to, as the sender wrote it. */
export const messageTarget = z.object({
  users: z.array(z.string()).optional(),
  units: z.array(z.string()).optional(),
  stations: z.array(z.string()).optional(),
  areas: z.array(z.string()).optional(),
  group: z.string().optional(),
});
export type MessageTarget = z.infer<typeof messageTarget>;

/** A recipient row in short: the caller's own rows, and who has not acknowledged an order. */
export const recipientBrief = z.object({
  kind: recipientKind,
  id: z.string(),
  name: z.string(),
  state: recipientState,
});
export type RecipientBrief = z.infer<typeof recipientBrief>;

export const messageRecipient = z.object({
  kind: recipientKind,
  id: z.string(),
  name: z.string(),
  /** The user's scope org, or the unit's station. */
  org: orgRef,
  state: recipientState,
  deliveredAt: isoDateTime.nullable(),
  acknowledgedAt: isoDateTime.nullable(),
  acknowledgedBy: z.string().nullable(),
});
export type MessageRecipient = z.infer<typeof messageRecipient>;

/** A message with its per-state counts; an order also names who has not acknowledged it yet. */
export const message = z.object({
  id: z.string(),
  kind: messageKind,
  priority: messagePriority,
  text: z.string(),
  incidentId: z.string().nullable(),
  from: z.object({ userId: z.string(), username: z.string(), name: z.string(), org: orgRef }),
  to: messageTarget,
  createdAt: isoDateTime,
  counts: z.object({
    total: z.number().int(),
    sent: z.number().int(),
    delivered: z.number().int(),
    acknowledged: z.number().int(),
  }),
  /** The caller's own recipient rows (their user row, their station's units). */
  mine: z.array(recipientBrief),
  /** Orders only. */
  notAcknowledged: z.array(recipientBrief).optional(),
});
export type Message = z.infer<typeof message>;

/** One message with every recipient: the answer of send, get and acknowledge. */
export const messageDetail = message.extend({ recipients: z.array(messageRecipient) });
export type MessageDetail = z.infer<typeof messageDetail>;

export const messageList = listOf(message);
export type MessageList = z.infer<typeof messageList>;

/** `POST /api/messages/:id/delivered`: how many of the caller's rows moved to delivered. */
export const messageDelivered = z.object({ messageId: z.string(), delivered: z.number().int() });
export type MessageDelivered = z.infer<typeof messageDelivered>;

/** `POST /api/message-groups`: members are user ids or unit ids. */
export const createMessageGroupBody = z
  .object({ name: z.string().trim().min(1).max(100), members: ids })
  .strict();
export type CreateMessageGroupBody = z.infer<typeof createMessageGroupBody>;
export const messageGroupListQuery = z.object({}).strict();

/** An ad-hoc group (临时群组). */
export const messageGroup = z.object({
  id: z.string(),
  name: z.string(),
  members: z.array(z.object({ kind: recipientKind, id: z.string(), name: z.string() })),
  createdBy: z.string(),
  createdAt: isoDateTime,
});
export type MessageGroup = z.infer<typeof messageGroup>;

export const messageGroupList = listOf(messageGroup);
export type MessageGroupList = z.infer<typeof messageGroupList>;

/** `POST /api/units/:id/emergency`: the unit's last position is used unless one is given. */
export const raiseEmergencyBody = z
  .object({
    lon: z.number().min(-180).max(180).optional(),
    lat: z.number().min(-90).max(90).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((b) => (b.lon === undefined) === (b.lat === undefined), {
    message: 'give both lon and lat, or neither (the unit’s last position is used)',
    path: ['lat'],
  });
export type RaiseEmergencyBody = z.infer<typeof raiseEmergencyBody>;

/** `GET /api/emergencies?open=true|false&limit=`. */
export const emergencyListQuery = z.object({ open: queryBoolean.optional(), limit }).strict();
export type EmergencyListQuery = z.infer<typeof emergencyListQuery>;

/** A unit alerted with an emergency: among the nearest available ones by road. */
export const emergencyNearestUnit = z.object({
  unitId: z.string(),
  callsign: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  etaSeconds: z.number(),
});
export type EmergencyNearestUnit = z.infer<typeof emergencyNearestUnit>;

/** A unit's emergency (一键报警), open until a command room takes it in hand. */
export const emergency = z.object({
  id: z.string(),
  priority: z.literal('urgent'),
  unit: z.object({ id: z.string(), callsign: z.string() }),
  station: orgRef,
  area: orgRef.nullable(),
  position: lngLat.nullable(),
  note: z.string().nullable(),
  nearest: z.array(emergencyNearestUnit),
  raisedBy: z.string(),
  raisedAt: isoDateTime,
  open: z.boolean(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: isoDateTime.nullable(),
});
export type Emergency = z.infer<typeof emergency>;

export const emergencyList = listOf(emergency);
export type EmergencyList = z.infer<typeof emergencyList>;
