import { Segmented } from 'antd';
import { useT } from '../i18n/i18n-context.tsx';

/** 2D / 3D switch of the dispatch map, with a note saying what the 3D view shows. */
export function View3dSwitch(props: { on: boolean; onChange: (on: boolean) => void; hasTerrain: boolean }) {
  const t = useT();
  return (
    <div style={{ marginTop: 6 }} data-testid="view-3d" data-on={props.on ? 'true' : 'false'}>
      <Segmented
        size="small"
        value={props.on ? '3d' : '2d'}
        onChange={(v) => props.onChange(v === '3d')}
        options={[
          { value: '2d', label: t('map3d.flat') },
          { value: '3d', label: t('map3d.view') },
        ]}
      />
      {props.on && (
        <div style={{ marginTop: 4, fontSize: 11, color: '#595959' }}>
          {t('map3d.blocksNote')} {props.hasTerrain ? t('map3d.terrainOn') : t('map3d.terrainOff')}
        </div>
      )}
    </div>
  );
}
