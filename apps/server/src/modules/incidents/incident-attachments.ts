import { createHash, randomUUID } from 'node:crypto';
import {
  INCIDENT_PHOTO_TYPES,
  type IncidentAttachment,
  type IncidentAttachmentList,
  type IncidentDetail,
} from '@ronghui/contracts';
import type { Selectable } from 'kysely';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { IncidentAttachmentsTable } from '../../platform/db/schema.ts';
import { DomainError, invalid, notFound } from '../../platform/http/errors.ts';
import { incidentAudience } from './incident-audience.ts';
import { type IncidentAccess, type IncidentsDeps, MOVE_ROLES, READ_ROLES } from './incident-access.ts';

type PhotoType = (typeof INCIDENT_PHOTO_TYPES)[number];
type AttachmentRow = Omit<Selectable<IncidentAttachmentsTable>, 'bytes'>;

/** Largest photo accepted: a phone's picture, compressed before it is sent. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

/** The first bytes of each image format: a body must be what its content type says. */
const MAGIC: Record<PhotoType, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

const present = (r: AttachmentRow): IncidentAttachment => ({
  id: r.id,
  incidentId: r.incident_id,
  kind: r.kind,
  contentType: r.content_type as PhotoType,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  caption: r.caption,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
  url: `/api/incidents/${r.incident_id}/attachments/${r.id}`,
});

const COLUMNS = [
  'tenant_code',
  'id',
  'incident_id',
  'kind',
  'content_type',
  'size_bytes',
  'sha256',
  'caption',
  'created_by',
  'created_at',
] as const;

/**
 * What responders record on scene: notes and photos, on the incident's timeline, audited, announced to the
 * incident's consoles. A photo sent twice (an outbox re-sending after a lost answer) is stored once. Every
 * read of a photo is audited: pictures of a scene are personal data.
 */
export function createIncidentAttachments(
  deps: IncidentsDeps,
  access: IncidentAccess,
  detail: (principal: Principal, id: string) => Promise<IncidentDetail>,
) {
  const { db, audit, bus, clock } = deps;

  async function announce(
    trx: typeof db,
    principal: Principal,
    incident: { id: string; number: string; status: string },
    change: 'note' | 'photo',
  ) {
    await enqueue(
      trx,
      principal.tenantCode,
      'incident.updated',
      { incidentId: incident.id, number: incident.number, status: incident.status, change },
      await incidentAudience(trx, principal.tenantCode, incident.id),
    );
  }

  return {
    async addNote(principal: Principal, id: string, text: string): Promise<IncidentDetail> {
      requireRole(principal, MOVE_ROLES, 'Recording notes on incidents');
      const geo = await access.geo(principal.tenantCode);
      const row = await access.load(principal, geo, id);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('incident_events')
          .values({
            tenant_code: principal.tenantCode,
            incident_id: id,
            at: clock.now(),
            actor_id: principal.userId,
            actor: principal.username,
            kind: 'note',
            from_status: null,
            to_status: null,
            note: text,
            detail: JSON.stringify({}),
          })
          .execute();
        await audit.write(trx, principal, {
          action: 'incident.note',
          resource: 'incident',
          resourceId: id,
          detail: { number: row.number, length: text.length },
        });
        await announce(trx, principal, row, 'note');
      });
      bus.kick();
      return detail(principal, id);
    },

    async addPhoto(
      principal: Principal,
      id: string,
      contentType: string,
      body: unknown,
      caption: string | undefined,
    ): Promise<{ created: boolean; attachment: IncidentAttachment }> {
      requireRole(principal, MOVE_ROLES, 'Adding photos to incidents');
      if (!Buffer.isBuffer(body))
        throw new DomainError(
          'unsupported-media-type',
          'Unsupported media type',
          `send the photo itself as the body, with Content-Type ${INCIDENT_PHOTO_TYPES.join(', ')}`,
        );
      const bytes = body;
      const type = contentType.split(';')[0]!.trim().toLowerCase() as PhotoType;
      if (!INCIDENT_PHOTO_TYPES.includes(type))
        throw invalid('/headers/content-type', `a photo must be ${INCIDENT_PHOTO_TYPES.join(', ')}`);
      if (bytes.length === 0) throw invalid('/body', 'the photo is empty');
      if (!MAGIC[type](bytes))
        throw invalid('/body', `the body is not a ${type.slice(6).toUpperCase()} image`);
      const geo = await access.geo(principal.tenantCode);
      const row = await access.load(principal, geo, id);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('incident_attachments')
          .select(COLUMNS)
          .where('tenant_code', '=', principal.tenantCode)
          .where('incident_id', '=', id)
          .where('sha256', '=', sha256)
          .executeTakeFirst();
        if (existing) return { created: false, attachment: present(existing) };
        const now = clock.now();
        const attachment: AttachmentRow = {
          tenant_code: principal.tenantCode,
          id: randomUUID(),
          incident_id: id,
          kind: 'photo',
          content_type: type,
          size_bytes: bytes.length,
          sha256,
          caption: caption ?? null,
          created_by: principal.username,
          created_at: now,
        };
        await trx
          .insertInto('incident_attachments')
          .values({ ...attachment, bytes })
          .execute();
        await trx
          .insertInto('incident_events')
          .values({
            tenant_code: principal.tenantCode,
            incident_id: id,
            at: now,
            actor_id: principal.userId,
            actor: principal.username,
            kind: 'photo',
            from_status: null,
            to_status: null,
            note: caption ?? null,
            detail: JSON.stringify({ attachmentId: attachment.id, sizeBytes: bytes.length, sha256 }),
          })
          .execute();
        await audit.write(trx, principal, {
          action: 'incident.photo',
          resource: 'incident',
          resourceId: id,
          detail: { number: row.number, attachmentId: attachment.id, sizeBytes: bytes.length, sha256 },
        });
        await announce(trx, principal, row, 'photo');
        return { created: true, attachment: present(attachment) };
      });
    },

    async list(principal: Principal, id: string): Promise<IncidentAttachmentList> {
      requireRole(principal, READ_ROLES, 'Reading incidents');
      const geo = await access.geo(principal.tenantCode);
      await access.load(principal, geo, id);
      const rows = await db
        .selectFrom('incident_attachments')
        .select(COLUMNS)
        .where('tenant_code', '=', principal.tenantCode)
        .where('incident_id', '=', id)
        .orderBy('created_at')
        .execute();
      return { items: rows.map(present), total: rows.length };
    },

    /** The image itself; every read is audited. */
    async read(principal: Principal, id: string, attachmentId: string) {
      requireRole(principal, READ_ROLES, 'Reading incidents');
      const geo = await access.geo(principal.tenantCode);
      await access.load(principal, geo, id);
      const row = await db
        .selectFrom('incident_attachments')
        .select(['content_type', 'bytes'])
        .where('tenant_code', '=', principal.tenantCode)
        .where('incident_id', '=', id)
        .where('id', '=', attachmentId)
        .executeTakeFirst();
      if (!row) throw notFound('attachment', attachmentId);
      await audit.record(principal, {
        action: 'incident.photo.read',
        resource: 'incident',
        resourceId: id,
        detail: { attachmentId },
      });
      return { contentType: row.content_type, bytes: Buffer.from(row.bytes) };
    },
  };
}
export type IncidentAttachments = ReturnType<typeof createIncidentAttachments>;
