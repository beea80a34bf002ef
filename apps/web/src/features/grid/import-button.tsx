import type { GridImportBody } from '@ronghui/contracts';
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/api-error.ts';
import { describeError } from '../../api/describe-error.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { gridApi } from '../../api/grid-api.ts';

/**
 * Imports community grids from a GeoJSON file (FeatureCollection with name, villageCode, policeGridId).
 * The server takes all features or none and names each bad one.
 */
export function ImportButton() {
  const t = useT();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);

  const importFile = async (file: File) => {
    setBusy(true);
    try {
      let body: GridImportBody;
      try {
        body = JSON.parse(await file.text()) as GridImportBody;
      } catch {
        message.error(t('grid.import.notJson'));
        return;
      }
      const result = await gridApi.importCommunity(body);
      message.success(t('grid.import.done', { created: result.created, updated: result.updated }));
      await queryClient.invalidateQueries({ queryKey: ['grid'] });
    } catch (e) {
      const problems = e instanceof ApiError ? e.errors : [];
      modal.error({
        title: t('grid.import.failed'),
        content: (
          <div>
            <p>{describeError(e, t)}</p>
            <ul style={{ maxHeight: 240, overflow: 'auto', paddingLeft: 18 }}>
              {problems.slice(0, 30).map((p) => (
                <li key={`${p.path}:${p.message}`}>
                  <code>{p.path}</code> {p.message}
                </li>
              ))}
            </ul>
          </div>
        ),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Upload
      accept=".geojson,.json,application/geo+json,application/json"
      showUploadList={false}
      beforeUpload={(file) => {
        void importFile(file);
        return false;
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy} data-testid="grid-import">
        {t('grid.import.button')}
      </Button>
    </Upload>
  );
}
