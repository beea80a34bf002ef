/** The few protobuf wire-format pieces the glyph files need: varints, zig-zag and length-delimited fields. */

export class ProtoWriter {
  private bytes: number[] = [];

  varint(value: number): this {
    let v = value >>> 0 === value ? value : Math.floor(value);
    while (v > 0x7f) {
      this.bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.bytes.push(v);
    return this;
  }

  private tag(field: number, wireType: 0 | 2): this {
    return this.varint(field * 8 + wireType);
  }

  uint(field: number, value: number): this {
    return this.tag(field, 0).varint(value);
  }

  /** sint32: zig-zag, so small negative numbers stay short. */
  sint(field: number, value: number): this {
    return this.tag(field, 0).varint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  bytesField(field: number, data: Uint8Array): this {
    this.tag(field, 2).varint(data.length);
    for (const b of data) this.bytes.push(b);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytesField(field, new TextEncoder().encode(value));
  }

  message(field: number, write: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    write(inner);
    return this.bytesField(field, inner.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

export interface ProtoField {
  field: number;
  /** Varint value (wire type 0). */
  value?: number;
  /** Payload of a length-delimited field (wire type 2). */
  data?: Uint8Array;
}

export class ProtoDecodeError extends Error {
  override readonly name = 'ProtoDecodeError';
}

/** Reads the top-level fields of one message; nested messages are read by calling it on their `data`. */
export function readFields(bytes: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let at = 0;
  const varint = (): number => {
    let result = 0;
    let scale = 1;
    for (;;) {
      if (at >= bytes.length) throw new ProtoDecodeError('truncated varint');
      const b = bytes[at++]!;
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 128;
    }
  };
  while (at < bytes.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === 0) fields.push({ field, value: varint() });
    else if (wire === 2) {
      const length = varint();
      if (at + length > bytes.length) throw new ProtoDecodeError('truncated field');
      fields.push({ field, data: bytes.subarray(at, at + length) });
      at += length;
    } else throw new ProtoDecodeError(`unsupported wire type ${wire}`);
  }
  return fields;
}

export const unzigzag = (v: number): number => (v % 2 === 0 ? v / 2 : -(v + 1) / 2);
