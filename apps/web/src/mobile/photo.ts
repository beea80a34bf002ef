/** Photos taken on scene are shrunk on the phone before they wait in the outbox or go over a weak network. */
export const PHOTO_MAX_EDGE = 1600;
export const PHOTO_QUALITY = 0.8;

/** The size a photo is drawn at: its longest edge at most `maxEdge`, never enlarged. */
export function fitWithin(width: number, height: number, maxEdge = PHOTO_MAX_EDGE) {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A JPEG of the picture, at most 1600 px on its longest edge (the camera's orientation applied). */
export async function compressPhoto(file: Blob): Promise<{ bytes: ArrayBuffer; contentType: 'image/jpeg' }> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const size = fitWithin(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('canvas 2d is not available');
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('the photo could not be encoded'))),
      'image/jpeg',
      PHOTO_QUALITY,
    ),
  );
  return { bytes: await blob.arrayBuffer(), contentType: 'image/jpeg' };
}
