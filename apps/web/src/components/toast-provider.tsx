import { Toast } from '@ui5/webcomponents-react';
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

const ToastContext = createContext<(message: string) => void>(() => undefined);

/** One Toast for the whole app, so that copy buttons in tables do not each render their own. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState({ open: false, message: '', seq: 0 });
  const show = useCallback((message: string) => setToast((prev) => ({ open: true, message, seq: prev.seq + 1 })), []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <Toast key={toast.seq} open={toast.open} duration={2000} onClose={() => setToast((prev) => ({ ...prev, open: false }))}>
        {toast.message}
      </Toast>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);
