import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp } from 'antd';
import { useState } from 'react';
import { RouterProvider } from 'react-router/dom';
import { I18nProvider } from '../i18n/i18n-context.tsx';
import { AuthProvider } from './auth-context.tsx';
import { createQueryClient } from './query-client.ts';
import { createRouter } from './routes.tsx';
import { theme } from './theme.ts';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createRouter);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider theme={theme}>
        <AntdApp>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </AntdApp>
      </I18nProvider>
    </QueryClientProvider>
  );
}
