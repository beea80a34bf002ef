import { useEffect, useRef, useState } from 'react';
import type { StreamKind } from '@ronghui/contracts';

export type StreamState = 'none' | 'loading' | 'playing' | 'failed';

const snapshotEveryMs = 3000;

/** `url` with a cache-busting parameter, so a still snapshot is fetched anew. */
function fresh(url: string, tick: number): string {
  return `${url}${url.includes('?') ? '&' : '?'}_t=${tick}`;
}

/**
 * The camera's picture stretched over the frame (the frame has the picture's aspect, so the labels'
 * projection and the pixels agree): HLS in a <video> (natively or through hls.js), MJPEG in an <img>,
 * a still snapshot in an <img> reloaded every few seconds. Reports failures so the map can stand in.
 */
export function CameraStream(props: {
  kind: Exclude<StreamKind, 'none'>;
  url: string;
  onState: (state: StreamState) => void;
}) {
  const { kind, url, onState } = props;
  const video = useRef<HTMLVideoElement>(null);
  const [tick, setTick] = useState(0);
  const report = useRef(onState);
  report.current = onState;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new URL starts loading anew
  useEffect(() => {
    report.current('loading');
    if (kind !== 'snapshot') return;
    const timer = setInterval(() => setTick((n) => n + 1), snapshotEveryMs);
    return () => clearInterval(timer);
  }, [kind, url]);

  useEffect(() => {
    const element = video.current;
    if (kind !== 'hls' || !element) return;
    let destroy: (() => void) | undefined;
    let cancelled = false;
    // hls.js where Media Source Extensions exist (it recovers from stalls and reports errors we can act
    // on); the browser's own player elsewhere (Safari on iOS).
    void import('hls.js').then(
      ({ default: Hls }) => {
        if (cancelled) return;
        if (Hls.isSupported()) {
          element.dataset.player = 'hls.js';
          const hls = new Hls({ liveDurationInfinity: true });
          hls.on(Hls.Events.ERROR, (_event, data) => {
            if (data.fatal) report.current('failed');
          });
          hls.loadSource(url);
          hls.attachMedia(element);
          destroy = () => hls.destroy();
        } else if (element.canPlayType('application/vnd.apple.mpegurl')) {
          element.dataset.player = 'native';
          element.src = url;
        } else {
          report.current('failed');
        }
      },
      () => report.current('failed'),
    );
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [kind, url]);

  const fill = { position: 'absolute', inset: 0, width: '100%', height: '100%', objectFit: 'fill' } as const;
  if (kind === 'hls')
    return (
      <video
        ref={video}
        data-testid="camera-stream"
        data-kind={kind}
        style={fill}
        muted
        autoPlay
        playsInline
        onPlaying={() => report.current('playing')}
        onError={() => report.current('failed')}
      />
    );
  return (
    <img
      data-testid="camera-stream"
      data-kind={kind}
      alt=""
      src={kind === 'snapshot' ? fresh(url, tick) : url}
      style={fill}
      onLoad={() => report.current('playing')}
      onError={() => report.current('failed')}
    />
  );
}
